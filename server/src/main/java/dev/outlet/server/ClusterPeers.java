package dev.outlet.server;

import dev.outlet.invoke.Invocations;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.postgres.PgClusterSecret;
import dev.outlet.postgres.PgDatabase;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.Optional;

/**
 * How the nodes of a cluster reach each other: this node's peer port (it runs what others forward
 * to it), the client that forwards to theirs, the view of the cluster placement reads, and the
 * cluster's secret both sign with. Started before the regions serve, so that their invocations are
 * placed from the first; the view fills with the node's first beat.
 */
final class ClusterPeers implements AutoCloseable {
  private final ClusterView view = new ClusterView();
  private final PeerServer server;
  private final PeerWire.Key key;
  private final PeerClient client;
  private final String address;

  private ClusterPeers(PeerServer server, PeerClient client, String advertised, PeerWire.Key key) {
    this.server = server;
    this.client = client;
    this.address = advertised + ":" + server.port();
    this.key = key;
  }

  /** The cluster's secret, as the nodes sign what they send each other. */
  PeerWire.Key key() {
    return key;
  }

  /**
   * Reads (or makes) the cluster's secret, then listens on {@code host:}{@link
   * ClusterStore#peerPort}; other nodes reach this one at {@code advertised}.
   */
  static ClusterPeers start(
      Vertx vertx, ClusterStore store, String host, String advertised, Regions regions) {
    byte[] secret;
    try (PgDatabase db = PgDatabase.open(store.url(), 1, ClusterNode.SCHEMA)) {
      secret = PgClusterSecret.of(db);
    }
    PeerWire.Key key = new PeerWire.Key(secret);
    InstantSource clock = InstantSource.system();
    PeerServer server =
        PeerServer.start(vertx, host, store.peerPort(), key, clock, call -> run(regions, call));
    return new ClusterPeers(server, new PeerClient(vertx, key, clock), advertised, key);
  }

  private static Optional<java.util.concurrent.CompletableFuture<dev.outlet.invoke.InvokeOutcome>>
      run(Regions regions, PeerWire.Call call) {
    RegionStack stack =
        call.region().equals(regions.home().region())
            ? regions.home()
            : regions.serving(call.region());
    return stack == null ? Optional.empty() : stack.runHere(call);
  }

  /** Where other nodes reach this one: {@code host:port} of its peer port. */
  String address() {
    return address;
  }

  /** Where other nodes reach this node's API, listening on {@code apiPort}: {@code host:port}. */
  String apiAddress(int apiPort) {
    return address.substring(0, address.lastIndexOf(':') + 1) + apiPort;
  }

  ClusterView view() {
    return view;
  }

  /** The synchronous invocations of a region, placed across the cluster. */
  Invocations placed(String region, String prefix, Invocations local, SandboxPool pool) {
    return new PlacedInvocations(region, prefix, local, pool, view, client, InstantSource.system());
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
