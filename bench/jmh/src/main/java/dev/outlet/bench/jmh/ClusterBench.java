package dev.outlet.bench.jmh;

import dev.outlet.core.Ticker;
import dev.outlet.invoke.ClusterConcurrency;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PgConcurrencyLedger;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PostgresUrl;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What counting concurrency across a cluster costs (issue 20: at most 20 µs of CPU per invoke), on
 * a throwaway PostgreSQL on loopback started by the bench:
 *
 * <ul>
 *   <li>{@code admitWithinGrant}: one invocation admitted and ended within the node's grant, the
 *       path nearly every invocation takes (no database);
 *   <li>{@code growThenGiveBack}: the ledger's two round trips when a grant must grow (one
 *       transaction: an advisory lock and an upsert) and when the renewal gives it back, the cost
 *       an invocation pays only when its node runs more of a function than it ran in the last two
 *       seconds.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClusterBench {
  private LocalPostgres server;
  private PgDatabase db;
  private PgConcurrencyLedger ledger;
  private ClusterConcurrency gate;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (LocalPostgres.binaries().isEmpty()) {
      throw new IllegalStateException(LocalPostgres.MISSING);
    }
    server = LocalPostgres.start();
    db = PgDatabase.open(PostgresUrl.parse(server.newDatabase()), 4);
    ledger = PgConcurrencyLedger.open(db, "bench-node", Duration.ofMinutes(10));
    gate = new ClusterConcurrency(ledger, Runnable::run, Ticker.system());
    CompletableFuture<Void> first = gate.enter("f", -1, 1000); // grows the grant to 1
    first.join();
    gate.exit("f", -1);
  }

  @TearDown(Level.Trial)
  public void close() {
    ledger.close();
    db.close();
    server.close();
  }

  @Benchmark
  public boolean admitWithinGrant() {
    boolean at = gate.enter("f", -1, 1000).isDone();
    gate.exit("f", -1);
    return at;
  }

  @Benchmark
  public int growThenGiveBack() {
    int got = ledger.grow("function:g", 1, 10);
    ledger.keep(Map.of("function:g", 0));
    return got;
  }
}
