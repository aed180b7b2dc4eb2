package dev.outlet.sandbox;

import java.io.IOException;

/**
 * The network of one sandbox that has its own namespace (see {@link SandboxNetwork}): the
 * namespace, slirp4netns for egress when the mode has it, the forwarder to Outlet's API when it is
 * exposed. Closed with the sandbox; the namespace itself goes with its last process.
 */
final class OwnNetwork implements AutoCloseable {
  private static final long NAMESPACE_MILLIS = 5_000;

  private final NetNamespace namespace;
  private final Egress egress;
  private ApiForwarder api;

  private OwnNetwork(NetNamespace namespace, Egress egress, ApiForwarder api) {
    this.namespace = namespace;
    this.egress = egress;
    this.api = api;
  }

  /** Sets up the network of the sandbox bubblewrap {@code bwrapPid} started. */
  static OwnNetwork attach(SandboxNetwork network, long bwrapPid) throws IOException {
    NetNamespace ns = NetNamespace.ofSandbox(bwrapPid, NAMESPACE_MILLIS);
    Egress egress = null;
    try {
      if (network.slirp4netns() != null) {
        egress = Egress.start(network.slirp4netns(), ns.pid());
      }
      ApiForwarder api = network.api() == null ? null : ApiForwarder.open(ns, network.api());
      return new OwnNetwork(ns, egress, api);
    } catch (IOException | RuntimeException e) {
      if (egress != null) {
        egress.close();
      }
      ns.close();
      throw e;
    }
  }

  NetNamespace namespace() {
    return namespace;
  }

  /**
   * Opens the forwarder to Outlet's API if it was exposed after this network was set up (the launch
   * stubs made while Outlet started). Called by the one launch that took the stub.
   */
  synchronized void forwardApi(SandboxNetwork network) throws IOException {
    if (api == null && network.api() != null) {
      api = ApiForwarder.open(namespace, network.api());
    }
  }

  @Override
  public synchronized void close() {
    if (api != null) {
      api.close();
    }
    if (egress != null) {
      egress.close();
    }
    namespace.close();
  }
}
