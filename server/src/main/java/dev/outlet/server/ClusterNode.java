package dev.outlet.server;

import dev.outlet.core.NodeRegistry;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgNodeRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This Outlet as a node of a cluster: it joins the cluster's membership when it starts (its id,
 * address and capacity), beats every {@link #BEAT}, marks down the nodes whose beats stopped for
 * {@link #TIMEOUT}, and leaves when it stops. A node that finds itself marked down (it could not
 * reach the database for longer than the timeout) joins again under a new id and says so.
 */
final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  /** How often a node beats. */
  static final Duration BEAT = Duration.ofSeconds(2);

  /** How long without a beat before the other nodes mark a node down. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long a node marked down stays in the list ({@code outlet cluster status}). */
  static final Duration FORGET = Duration.ofMinutes(10);

  /** The schema of what belongs to the cluster rather than to a region. */
  static final String SCHEMA = "outlet_cluster";

  private final PgDatabase db;
  private final NodeRegistry nodes;
  private final InstantSource clock;
  private final String address;
  private final int capacity;
  private final ScheduledFuture<?> beating;
  private final java.util.function.Supplier<NodeRegistry.Load> load;
  private final Runnable onDrain;
  private final java.util.function.BiConsumer<String, List<NodeRegistry.Node>> seen;
  private volatile String id;
  private volatile boolean draining;
  private volatile boolean closed;

  private ClusterNode(
      PgDatabase db,
      NodeRegistry nodes,
      InstantSource clock,
      String address,
      int capacity,
      ScheduledExecutorService timers,
      java.util.function.Supplier<NodeRegistry.Load> load,
      Runnable onDrain,
      java.util.function.BiConsumer<String, List<NodeRegistry.Node>> seen) {
    this.db = db;
    this.seen = seen;
    this.load = load;
    this.onDrain = onDrain;
    this.nodes = nodes;
    this.clock = clock;
    this.address = address;
    this.capacity = capacity;
    this.id = newId();
    nodes.join(id, address, capacity, clock.instant());
    this.beating =
        Repeat.every(
            timers,
            Repeat.VIRTUAL,
            BEAT,
            this::beat,
            e -> LOG.warn("cluster heartbeat failed: {}", e.getMessage()));
  }

  /**
   * Joins the cluster of {@code store} as the node at {@code address}; each beat reports {@code
   * load}, and {@code onDrain} runs once when {@code outlet drain} names this node; {@code seen}
   * receives this node's id and every node each beat reads (for placement).
   */
  static ClusterNode join(
      ClusterStore store,
      String address,
      int capacity,
      ScheduledExecutorService timers,
      java.util.function.Supplier<NodeRegistry.Load> load,
      Runnable onDrain,
      java.util.function.BiConsumer<String, List<NodeRegistry.Node>> seen) {
    PgDatabase db = PgDatabase.open(store.url(), 2, SCHEMA);
    try {
      return new ClusterNode(
          db,
          PgNodeRegistry.open(db),
          InstantSource.system(),
          address,
          capacity,
          timers,
          load,
          onDrain,
          seen);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  String id() {
    return id;
  }

  private void beat() {
    try {
      var now = clock.instant();
      if (closed) {
        return;
      }
      if (!nodes.heartbeat(id, now, load.get())) {
        if (closed) {
          return; // it left as this beat was under way
        }
        String old = id;
        id = newId();
        nodes.join(id, address, capacity, now);
        LOG.warn(
            "this node ({}) was marked down by the cluster (no heartbeat for {} s): joined again"
                + " as {}",
            old,
            TIMEOUT.toSeconds(),
            id);
      }
      List<NodeRegistry.Node> all = nodes.nodes();
      seen.accept(id, all);
      for (NodeRegistry.Node n : all) {
        if (n.id().equals(id) && n.state() == NodeRegistry.State.DRAINING && !draining) {
          draining = true;
          LOG.info(
              "this node ({}) is draining: it takes over no other node's work and its readiness"
                  + " check answers 503; stop it once it runs nothing",
              id);
          onDrain.run();
        }
      }
      for (NodeRegistry.Node n : NodeRegistry.forgettable(all, now, FORGET)) {
        nodes.forget(n.id());
        LOG.info("node {} forgotten: down since {}", n.id(), n.heartbeat());
      }
      for (NodeRegistry.Node n : NodeRegistry.overdue(all, id, now, TIMEOUT)) {
        if (nodes.markDown(n.id(), n.heartbeat())) {
          LOG.warn(
              "node {} at {} marked down: no heartbeat since {}",
              n.id(),
              n.address(),
              n.heartbeat());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cluster heartbeat failed: {}", e.getMessage());
    }
  }

  /** Leaves the cluster: the others see this node gone at once, not after the timeout. */
  @Override
  public void close() {
    closed = true;
    beating.cancel(false);
    try {
      nodes.forget(id);
    } catch (RuntimeException e) {
      LOG.warn("could not leave the cluster cleanly: {}", e.getMessage());
    } finally {
      db.close();
    }
  }

  private static String newId() {
    String host = dev.outlet.core.HostNames.local("node");
    return host.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
