package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.ClaimQueue;
import dev.outlet.core.ClaimQueue.Claimed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link ClaimQueue}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module). A second {@link #open} is another node (or a restart) over
 * the same storage. Times are given, not read from a clock.
 */
public abstract class ClaimQueueContract extends StoreContract<ClaimQueue> {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Override
  protected void closeStore(ClaimQueue q) {
    q.close();
  }

  private static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void itemsAreClaimedOldestFirstWithTheirBodiesAndSurviveReopening() {
    for (int i = 0; i < 5; i++) {
      store.add("events", "e" + i, body("{\"n\":" + i + "}"));
    }
    ClaimQueue again = open();
    List<Claimed> got = again.claim("events", "node-b", 3, T0, LEASE);
    assertThat(got).extracting(Claimed::id).containsExactly("e0", "e1", "e2");
    assertThat(new String(got.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    assertThat(got).extracting(Claimed::claims).containsOnly(1);
    assertThat(again.size("events")).isEqualTo(5);
  }

  @Test
  public void addingAnIdTheQueueHoldsAddsNothing() {
    store.add("events", "e1", body("first"));
    store.add("events", "e1", body("second"));
    assertThat(store.size("events")).isEqualTo(1);
    assertThat(store.claim("events", "a", 10, T0, LEASE).getFirst().body())
        .isEqualTo(body("first"));
  }

  @Test
  public void aClaimedItemIsNobodyElsesUntilItsLeaseRunsOut() {
    store.add("events", "e1", body("x"));
    assertThat(store.claim("events", "a", 10, T0, LEASE)).hasSize(1);
    ClaimQueue other = open();
    assertThat(other.claim("events", "b", 10, T0.plusSeconds(29), LEASE)).isEmpty();

    List<Claimed> again = other.claim("events", "b", 10, T0.plusSeconds(30), LEASE);
    assertThat(again).extracting(Claimed::claims).containsExactly(2);
    assertThat(store.settle("events", "e1", "a")).as("the first owner lost it").isFalse();
    assertThat(other.settle("events", "e1", "b")).isTrue();
    assertThat(store.size("events")).isZero();
  }

  @Test
  public void renewingKeepsTheItemOnlyWhileTheLeaseStillRuns() {
    store.add("events", "e1", body("x"));
    store.claim("events", "a", 10, T0, LEASE);
    assertThat(store.renew("events", "e1", "a", T0.plusSeconds(20), LEASE)).isTrue();
    assertThat(store.claim("events", "b", 10, T0.plusSeconds(40), LEASE)).isEmpty();
    assertThat(store.renew("events", "e1", "b", T0.plusSeconds(41), LEASE)).isFalse();
    assertThat(store.renew("events", "e1", "a", T0.plusSeconds(51), LEASE))
        .as("the lease ran out at 50 s")
        .isFalse();
    assertThat(store.claim("events", "b", 10, T0.plusSeconds(51), LEASE)).hasSize(1);
  }

  @Test
  public void aReleasedItemIsClaimableAtOnceAndSettlingTakesItAway() {
    store.add("events", "e1", body("x"));
    store.add("events", "e2", body("y"));
    store.claim("events", "a", 10, T0, LEASE);
    assertThat(store.release("events", "e1", "b")).isFalse();
    assertThat(store.release("events", "e1", "a")).isTrue();
    assertThat(store.settle("events", "e2", "a")).isTrue();
    assertThat(store.claim("events", "b", 10, T0.plusSeconds(1), LEASE))
        .extracting(Claimed::id)
        .containsExactly("e1");
    assertThat(store.size("events")).isEqualTo(1);
  }

  @Test
  public void anItemAddedClaimedIsItsAddersUntilTheLeaseRunsOut() {
    store.addClaimed("events", "e1", body("x"), "a", T0, LEASE);
    store.addClaimed("events", "e1", body("again"), "b", T0, LEASE);
    ClaimQueue other = open();
    assertThat(other.claim("events", "b", 10, T0.plusSeconds(29), LEASE)).isEmpty();
    List<Claimed> taken = other.claim("events", "b", 10, T0.plusSeconds(30), LEASE);
    assertThat(taken)
        .extracting(Claimed::claims)
        .as("the adder's run was the first")
        .containsExactly(2);
    assertThat(taken.getFirst().body()).isEqualTo(body("x"));
    assertThat(store.settle("events", "e1", "a")).isFalse();
  }

  @Test
  public void renewingAllExtendsOnlyTheOwnersLiveLeases() {
    store.addClaimed("events", "e1", body("x"), "a", T0, LEASE);
    store.addClaimed("events", "e2", body("y"), "a", T0.minusSeconds(20), LEASE);
    store.addClaimed("events", "e3", body("z"), "b", T0, LEASE);
    assertThat(store.renewAll("events", "a", T0.plusSeconds(15), LEASE))
        .as("e2's lease ran out at 10 s")
        .isEqualTo(1);
    assertThat(store.claim("events", "c", 10, T0.plusSeconds(40), LEASE))
        .extracting(Claimed::id)
        .containsExactly("e2", "e3");
    assertThat(store.claim("events", "c", 10, T0.plusSeconds(45), LEASE))
        .extracting(Claimed::id)
        .containsExactly("e1");
  }

  @Test
  public void releasingAllGivesBackOnlyTheOwnersItems() {
    store.addClaimed("events", "e1", body("x"), "a", T0, LEASE);
    store.addClaimed("events", "e2", body("y"), "b", T0, LEASE);
    assertThat(store.releaseAll("events", "a")).isEqualTo(1);
    assertThat(store.claim("events", "c", 10, T0.plusSeconds(1), LEASE))
        .extracting(Claimed::id)
        .containsExactly("e1");
  }

  @Test
  public void queuesAreSeparate() {
    store.add("events", "x", body("e"));
    store.add("batches", "x", body("b"));
    assertThat(store.claim("batches", "a", 10, T0, LEASE))
        .extracting(Claimed::body)
        .containsExactly(body("b"));
    assertThat(store.size("events")).isEqualTo(1);
  }

  @Test
  public void concurrentClaimersOnTwoNodesTakeEveryItemExactlyOnce() throws Exception {
    int items = 300;
    for (int i = 0; i < items; i++) {
      store.add("events", "e" + i, body(Integer.toString(i)));
    }
    ClaimQueue other = open();
    Map<String, Integer> taken = new ConcurrentHashMap<>();
    AtomicInteger claimsMade = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        ClaimQueue node = w % 2 == 0 ? store : other;
        String owner = "worker-" + w;
        workers.add(
            pool.submit(
                () -> {
                  while (true) {
                    List<Claimed> got = node.claim("events", owner, 7, T0, LEASE);
                    if (got.isEmpty()) {
                      return null;
                    }
                    claimsMade.addAndGet(got.size());
                    for (Claimed c : got) {
                      taken.merge(c.id(), 1, Integer::sum);
                      assertThat(node.settle("events", c.id(), owner)).isTrue();
                    }
                  }
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    }
    assertThat(taken).hasSize(items).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(claimsMade.get()).isEqualTo(items);
    assertThat(store.size("events")).isZero();
  }
}
