package dev.outlet.sandbox;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a sandbox's network is: its own network namespace (bubblewrap's {@code --unshare-net}), in
 * which only its own loopback is visible, with its Runtime API listener opened inside it by Outlet
 * ({@link NetNamespace}), Outlet's API forwarded to the same port on that loopback ({@link
 * ApiForwarder}), and, unless the mode is {@link Mode#NONE}, egress to other hosts through
 * slirp4netns, with the host's loopback out of reach. Or, where the host cannot do that (not root,
 * no bubblewrap, no slirp4netns for egress) or {@link Mode#HOST} asks for it, the host's network,
 * shared by every sandbox, which {@link #problem} explains.
 *
 * <p>Immutable but for the address of Outlet's API, set once when its listener is bound ({@link
 * #exposeApi}).
 */
public final class SandboxNetwork {

  /** {@code outlet serve --sandbox-network}. */
  public enum Mode {
    /** Own namespace, egress to other hosts (as on Lambda). The default. */
    EGRESS,
    /** Own namespace, nothing but the Runtime API and Outlet's API. */
    NONE,
    /** The host's network, shared with every other sandbox and process (no separation). */
    HOST;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code s}, or null. */
    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.wireName().equals(s)) {
          return m;
        }
      }
      return null;
    }
  }

  public static final Path DEFAULT_SLIRP4NETNS = Path.of("/usr/bin/slirp4netns");

  private final Mode mode;
  private final Path slirp4netns;
  private final String problem;
  private volatile Api api;

  /** Where Outlet's API listens, as given ({@link #exposeApi}). */
  private record Api(String host, int port) {}

  private SandboxNetwork(Mode mode, Path slirp4netns, String problem) {
    this.mode = mode;
    this.slirp4netns = slirp4netns;
    this.problem = problem;
  }

  /** The host's network, as asked (tests, {@code --no-isolation}). */
  public static SandboxNetwork host(String why) {
    return new SandboxNetwork(Mode.HOST, null, why);
  }

  /**
   * What {@code mode} can be here.
   *
   * @param isolated bubblewrap works
   * @param root Outlet runs as root (entering a sandbox's namespace needs it)
   */
  public static SandboxNetwork probe(Mode mode, boolean isolated, boolean root, Path slirp4netns) {
    if (mode == Mode.HOST) {
      return host("--sandbox-network host");
    }
    if (!isolated) {
      return host("needs bubblewrap");
    }
    if (!root) {
      return host(
          "Outlet is not root: it cannot open the Runtime API inside a sandbox's network namespace");
    }
    if (mode == Mode.EGRESS && !Files.isExecutable(slirp4netns)) {
      return host(
          slirp4netns
              + " not found (egress from a sandbox's own network): apt-get install slirp4netns,"
              + " or serve --sandbox-network none");
    }
    return new SandboxNetwork(mode, mode == Mode.EGRESS ? slirp4netns : null, null);
  }

  /** Whether each sandbox has a network namespace of its own. */
  public boolean separate() {
    return problem == null && mode != Mode.HOST;
  }

  /** Whether a sandbox reaches other hosts. */
  public boolean egress() {
    return !separate() || mode == Mode.EGRESS;
  }

  /** The mode asked for. */
  public Mode mode() {
    return mode;
  }

  /** slirp4netns, when sandboxes have their own network with egress; else null. */
  Path slirp4netns() {
    return separate() ? slirp4netns : null;
  }

  /** Why sandboxes share the host's network, or null when they do not. */
  public String problem() {
    return problem;
  }

  /**
   * Makes Outlet's API, listening at {@code host:port}, reachable from sandboxes started from now
   * on, and returns the URL a function reaches it at ({@code AWS_ENDPOINT_URL} for its SDKs): the
   * same port on the sandbox's own loopback, forwarded to Outlet, when sandboxes have their own
   * network; Outlet's own address when they share the host's (a wildcard address becomes loopback).
   * Call once, when the listener is bound.
   */
  public String exposeApi(String host, int port) {
    String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    api = new Api(target, port);
    return apiUrl();
  }

  /** The URL of {@link #exposeApi}, or null before it was called. */
  public String apiUrl() {
    Api a = api;
    if (a == null) {
      return null;
    }
    if (separate()) {
      return "http://127.0.0.1:" + a.port();
    }
    String host = a.host();
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.port();
  }

  /** Where a sandbox's forwarder connects to, or null when Outlet's API is not exposed yet. */
  InetSocketAddress api() {
    Api a = api;
    return a == null ? null : new InetSocketAddress(a.host(), a.port());
  }

  /** One word for the start-up line. */
  public String summary() {
    if (!separate()) {
      return "shared with the host (" + problem + ")";
    }
    return mode == Mode.EGRESS
        ? "own namespace, egress through slirp4netns"
        : "own namespace, no egress (--sandbox-network none)";
  }
}
