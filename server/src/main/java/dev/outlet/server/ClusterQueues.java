package dev.outlet.server;

import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.QueueOwnership;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Service;
import dev.outlet.engine.Engine;
import dev.outlet.invoke.Invocations;
import dev.outlet.mappings.EventSourceMappings;
import dev.outlet.server.RegionStack.Host;
import dev.outlet.sqs.SqsService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster region's queues on this node: its {@link QueueOwner} (owning them while this node holds
 * their lead), the {@link QueueRelay} that serves or relays their requests, and the tick that looks
 * after them every {@link QueueOwner#TICK_MILLIS}. Made by {@link RegionStack#serve} when the
 * region's stores are a cluster's; closed by it before its sandboxes stop.
 */
final class ClusterQueues implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterQueues.class);

  /** What the queues' services answer while no node can be reached that owns them. */
  static final String MOVING =
      "The region's queues are moving to another node of the cluster; retry.";

  private final QueueOwner owner;
  private final QueueRelay relay;
  private final ScheduledFuture<?> tick;

  private ClusterQueues(QueueOwner owner, QueueRelay relay, ScheduledFuture<?> tick) {
    this.owner = owner;
    this.relay = relay;
    this.tick = tick;
  }

  /**
   * Starts competing for the region's queues of {@code account}: mapping batches are invoked
   * through {@code invocations}, mappings kept in {@code mappings} (which the caller closes).
   */
  static ClusterQueues start(
      QueueOwnership ownership,
      Host host,
      Account account,
      Engine engine,
      Invocations invocations,
      DefinitionStore mappings,
      String scheme) {
    Authentication auth = host.auth();
    Function<List<Service>, AwsEdge> edge =
        services ->
            new AwsEdge(
                services, host.blocking(), auth.verifier(), auth.authorizer(), account.region());
    String address = host.peers().apiAddress(host.port());
    QueueOwner owner =
        new QueueOwner(
            ownership,
            "node-" + UUID.randomUUID(),
            address,
            new QueueOwner.Parts(account, scheme, engine.registry(), invocations, mappings, edge),
            host.draining());
    List<Service> refusing =
        new ArrayList<>(SqsService.unavailable(account.region(), account.id(), MOVING));
    refusing.add(EventSourceMappings.unavailable(account, MOVING));
    RepeatedWarning quiet = new RepeatedWarning(dev.outlet.core.Ticker.system());
    ScheduledFuture<?> tick =
        Repeat.every(
            engine.timers(),
            host.blocking(),
            Duration.ofMillis(QueueOwner.TICK_MILLIS),
            owner::tick,
            e -> {
              // four times a second while the database is away: the same line at most every 30 s
              String line =
                  quiet.line(
                      account.region() + ": cannot look after the queues: " + e.getMessage());
              if (line != null) {
                LOG.warn("{}", line);
              }
            });
    return new ClusterQueues(
        owner,
        new QueueRelay(owner, edge.apply(refusing), new RelayedFor(host.peers().key())),
        tick);
  }

  QueueOwner owner() {
    return owner;
  }

  QueueRelay relay() {
    return relay;
  }

  /** Stops the tick and the relay; the owner's pollers stop and another node takes the queues. */
  @Override
  public void close() {
    tick.cancel(false);
    relay.close();
    owner.close();
  }
}
