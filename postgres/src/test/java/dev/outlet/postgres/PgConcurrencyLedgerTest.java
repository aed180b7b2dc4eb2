package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrency grants on a real PostgreSQL, each {@link #node} with its own pool as a node has: the
 * live grants of a scope never add up past its limit, however the nodes race; a node's grants stop
 * counting when its lease runs out, and go when it closes.
 */
class PgConcurrencyLedgerTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;

  @BeforeEach
  void database() throws Exception {
    url = server.newDatabase();
  }

  private PgConcurrencyLedger node(String id, Duration lease) {
    return PgConcurrencyLedger.open(server.pool(url, 2), id, lease);
  }

  @Test
  void aGrantTakesWhatTheLimitLeavesBesideTheOthers() {
    PgConcurrencyLedger a = node("a", Duration.ofSeconds(30));
    PgConcurrencyLedger b = node("b", Duration.ofSeconds(30));
    assertThat(a.grow("function:f", 7, 10)).isEqualTo(7);
    assertThat(b.grow("function:f", 5, 10)).isEqualTo(3);
    assertThat(b.grow("function:g", 5, 10)).as("scopes are separate").isEqualTo(5);
    assertThat(a.keep(Map.of("function:f", 2))).containsExactly("function:f");
    assertThat(b.grow("function:f", 9, 10)).isEqualTo(8);
    assertThat(a.grow("function:f", 2, 4)).as("a lower limit leaves nothing").isZero();
  }

  @Test
  void nodesRacingToGrowNeverHoldMoreThanTheLimit() throws Exception {
    int nodes = 6;
    List<PgConcurrencyLedger> ledgers = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      ledgers.add(node("n" + i, Duration.ofSeconds(30)));
    }
    for (int round = 0; round < 20; round++) {
      String scope = "function:race-" + round;
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Integer>> growers = new ArrayList<>();
      for (PgConcurrencyLedger l : ledgers) {
        growers.add(
            () -> {
              go.await();
              return l.grow(scope, 4, 10);
            });
      }
      int total = 0;
      try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
        List<Future<Integer>> got = new ArrayList<>();
        for (Callable<Integer> g : growers) {
          got.add(pool.submit(g));
        }
        go.countDown();
        for (Future<Integer> f : got) {
          total += f.get();
        }
      }
      assertThat(total).as("round %d", round).isEqualTo(10);
    }
  }

  @Test
  void aNodesGrantsStopCountingWhenItsLeaseRunsOutAndItDropsThemWhenItReturns() throws Exception {
    PgConcurrencyLedger gone = node("gone", Duration.ofMillis(500));
    PgConcurrencyLedger other = node("other", Duration.ofSeconds(30));
    assertThat(gone.grow("account", 10, 10)).isEqualTo(10);
    assertThat(other.grow("account", 10, 10)).isZero();
    Thread.sleep(700);
    assertThat(other.grow("account", 10, 10)).isEqualTo(10);
    assertThat(gone.keep(Map.of())).as("its lease ran out: not renewed").isEmpty();
    assertThat(gone.grow("account", 1, 10)).isZero();
  }

  @Test
  void aClosedNodesGrantsAreFreeAtOnce() {
    PgConcurrencyLedger a = node("a", Duration.ofSeconds(30));
    PgConcurrencyLedger b = node("b", Duration.ofSeconds(30));
    a.grow("account", 10, 10);
    a.close();
    assertThat(b.grow("account", 10, 10)).isEqualTo(10);
  }
}
