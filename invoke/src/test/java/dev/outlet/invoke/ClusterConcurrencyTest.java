package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.ConcurrencyLedger;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The admission logic of a cluster node, with the ledger's arithmetic in memory (the real ledger's
 * races are PgConcurrencyLedgerTest's), a time the test moves, and the blocking work run when the
 * test says: what is admitted without asking, how waiting invocations share one request, who is
 * throttled and with which reason, what happens when the ledger is away.
 */
class ClusterConcurrencyTest {
  private final ArrayDeque<Runnable> blocking = new ArrayDeque<>();
  private long now;
  private final Ledger ledger = new Ledger();
  private final ClusterConcurrency gate = new ClusterConcurrency(ledger, blocking::add, () -> now);

  /** One node's grants against limits, with what the other nodes hold given by the test. */
  private static final class Ledger implements ConcurrencyLedger {
    final Map<String, Integer> mine = new HashMap<>();
    final Map<String, Integer> others = new HashMap<>();
    int grows;
    RuntimeException failure;

    @Override
    public int grow(String scope, int want, int limit) {
      grows++;
      if (failure != null) {
        throw failure;
      }
      int got = Math.max(0, Math.min(want, limit - others.getOrDefault(scope, 0)));
      mine.put(scope, got);
      return got;
    }

    @Override
    public Set<String> keep(Map<String, Integer> grants) {
      if (failure != null) {
        throw failure;
      }
      mine.putAll(grants);
      return Set.copyOf(mine.keySet());
    }

    @Override
    public Duration lease() {
      return Duration.ofSeconds(10);
    }

    @Override
    public void close() {}
  }

  private void runBlocking() {
    while (!blocking.isEmpty()) {
      blocking.poll().run();
    }
  }

  private static String refusal(CompletableFuture<Void> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("admitted");
    } catch (CompletionException e) {
      LambdaException le = (LambdaException) e.getCause();
      return le.code() == ErrorCode.TOO_MANY_REQUESTS ? le.reason().orElseThrow() : le.getMessage();
    }
  }

  @Test
  void waitingInvocationsShareOneRequestAndWhatTheGrantLeavesIsThrottled() {
    ledger.others.put("function:f", 6);
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(gate.enter("f", 10, 990));
    }
    assertThat(waits).allMatch(w -> !w.isDone());
    runBlocking();
    assertThat(ledger.grows).isOne();
    assertThat(ledger.mine).containsEntry("function:f", 4);
    assertThat(waits.subList(0, 4)).allMatch(w -> w.isDone() && !w.isCompletedExceptionally());
    assertThat(refusal(waits.get(4))).isEqualTo(PoolPolicy.RESERVED_LIMIT);
  }

  @Test
  void withinItsGrantANodeAdmitsWithoutAsking() {
    gate.enter("f", -1, 100);
    runBlocking();
    gate.exit("f", -1);
    int asked = ledger.grows;
    for (int i = 0; i < 1000; i++) {
      assertThat(gate.enter("f", -1, 100)).isSameAs(ClusterConcurrency.ADMITTED);
      gate.exit("f", -1);
    }
    assertThat(ledger.grows).isEqualTo(asked);
  }

  @Test
  void theAccountScopeThrottlesWithTheAccountsReason() {
    ledger.others.put("account", 100);
    CompletableFuture<Void> w = gate.enter("g", -1, 100);
    runBlocking();
    assertThat(refusal(w)).isEqualTo(PoolPolicy.ACCOUNT_LIMIT);
  }

  @Test
  void keepingGivesBackWhatIsNotRunning() {
    CompletableFuture<Void> one = gate.enter("f", 10, 990);
    gate.enter("f", 10, 990);
    runBlocking();
    assertThat(one).isDone();
    assertThat(ledger.mine).containsEntry("function:f", 2);
    gate.exit("f", 10);
    gate.keep();
    assertThat(ledger.mine).containsEntry("function:f", 1);
  }

  @Test
  void aLedgerThatDoesNotAnswerIsAServiceExceptionAndOldGrantsAreNotTrusted() {
    gate.enter("f", 10, 990);
    runBlocking();
    gate.exit("f", 10);
    now += Duration.ofSeconds(6).toNanos(); // past half a lease with no renewal
    ledger.failure = new IllegalStateException("connection refused");
    CompletableFuture<Void> w = gate.enter("f", 10, 990);
    assertThat(w).isNotSameAs(ClusterConcurrency.ADMITTED);
    runBlocking();
    assertThat(refusal(w)).contains("database does not answer").contains("connection refused");

    ledger.failure = null;
    gate.keep();
    gate.enter("f", 10, 990);
    runBlocking();
    gate.exit("f", 10);
    assertThat(gate.enter("f", 10, 990))
        .as("trusted again after a renewal")
        .isSameAs(ClusterConcurrency.ADMITTED);
  }

  @Test
  void aGrantWhoseLeaseRanOutIsDroppedAtTheNextRenewal() {
    gate.enter("f", 10, 990);
    runBlocking();
    gate.exit("f", 10);
    ledger.mine.clear(); // the ledger dropped it: the lease ran out while the node was away
    gate.keep();
    assertThat(gate.enter("f", 10, 990)).isNotSameAs(ClusterConcurrency.ADMITTED);
  }
}
