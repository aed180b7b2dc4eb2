package dev.outlet.server;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.ConcurrencyLedger;
import dev.outlet.core.RegionStores;
import dev.outlet.core.Ticker;
import dev.outlet.engine.Engine;
import dev.outlet.invoke.ClaimedEventJournal;
import dev.outlet.invoke.ClusterConcurrency;
import dev.outlet.invoke.EventJournal;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invoker;
import dev.outlet.invoke.SqliteEventJournal;
import dev.outlet.server.RegionStack.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's part in a cluster: where its accepted {@code Event} invocations wait, the tick that
 * keeps this node's events its own and takes over those of nodes that stopped, and the gate that
 * counts its invocations against the cluster's concurrency limits. On one machine only the journal
 * ({@code invocations.db}) is there. Owned and closed by its {@link RegionStack}, before the engine
 * (a cluster's journal lives in the engine's stores).
 */
final class RegionCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegionCluster.class);

  private final String region;
  private final Engine engine;
  private final EventJournal journal;
  private ScheduledFuture<?> takeOver;
  private ScheduledFuture<?> keeping;
  private ClusterConcurrency gate;

  RegionCluster(String region, Engine engine, EventJournal journal) {
    this.region = region;
    this.engine = engine;
    this.journal = journal;
  }

  EventJournal journal() {
    return journal;
  }

  /** Starts the cluster's ticks and gate, when the region's stores are a cluster's. */
  void start(EventQueue events, FunctionRegistry registry, Host host) {
    if (journal instanceof ClaimedEventJournal claimed) {
      takeOver(claimed, events, registry, host);
    }
    engine
        .stores()
        .sharedConcurrency()
        .ifPresent(ledger -> countAcrossNodes(ledger, engine.invoker(), host));
  }

  /**
   * Where accepted {@code Event} invocations wait: on one machine {@code invocations.db}; in a
   * cluster the shared work queue, each event held by the node that runs it.
   */
  static EventJournal journal(RegionStores stores, Path data) {
    return stores
        .sharedWork()
        .<EventJournal>map(
            work ->
                new ClaimedEventJournal(
                    work,
                    "node-" + java.util.UUID.randomUUID(),
                    InstantSource.system(),
                    ClaimedEventJournal.LEASE))
        .orElseGet(() -> SqliteEventJournal.open(data));
  }

  /**
   * In a cluster, every {@link ClaimedEventJournal#RENEW_EVERY}: keeps this node's events its own
   * and runs those of nodes that stopped (on {@code blocking}: the database may be slow or away).
   */
  private void takeOver(
      ClaimedEventJournal claimed, EventQueue events, FunctionRegistry registry, Host host) {
    takeOver =
        repeat(
            host,
            ClaimedEventJournal.RENEW_EVERY,
            "renew or take over Event invocations",
            () -> {
              claimed.renew();
              if (host.draining().getAsBoolean()) {
                return; // a draining node takes no other node's work
              }
              int taken = events.resume(name -> () -> registry.invocable(name).map(Deployed::spec));
              if (taken > 0) {
                LOG.info("{}: {} Event invocations of stopped nodes taken over", region, taken);
              }
            });
  }

  /**
   * In a cluster: every invocation is admitted against the cluster's concurrency limits, and this
   * node's grants are renewed (surplus given back) every {@link ClusterConcurrency#KEEP_EVERY}.
   */
  private void countAcrossNodes(ConcurrencyLedger ledger, Invoker invoker, Host host) {
    gate = new ClusterConcurrency(ledger, host.blocking(), Ticker.system());
    invoker.useCluster(gate);
    keeping =
        repeat(
            host,
            ClusterConcurrency.KEEP_EVERY,
            "renew this node's concurrency grants",
            gate::keep);
  }

  /**
   * Runs {@code task} every {@code period} on the host's blocking threads (it talks to the
   * database, which may be slow or away), never two runs at once; a failure is logged as what could
   * not be done, and the next period tries again.
   */
  private ScheduledFuture<?> repeat(Host host, Duration period, String what, Runnable task) {
    return Repeat.every(
        engine.timers(),
        host.blocking(),
        period,
        task,
        e -> LOG.warn("{}: cannot {}: {}", region, what, e.getMessage()));
  }

  /** Stops the ticks, refuses further admissions and closes the journal. */
  @Override
  public void close() {
    if (takeOver != null) {
      takeOver.cancel(false);
    }
    if (keeping != null) {
      keeping.cancel(false);
    }
    if (gate != null) {
      gate.close();
    }
    journal.close();
  }
}
