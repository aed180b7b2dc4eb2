package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.ClaimQueue;
import dev.outlet.storage.SqliteClaimQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' journals over one real claim queue (SQLite here; the queue's contract holds on
 * PostgreSQL too), with a clock the test moves: an event is its accepting node's while that node
 * renews, another node's once it stops, and gone once settled.
 */
class ClaimedEventJournalTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private ClaimQueue queue;
  private ClaimedEventJournal a;
  private ClaimedEventJournal b;

  @BeforeEach
  void open() {
    queue = SqliteClaimQueue.open(dir.resolve("claims.db"));
    a = new ClaimedEventJournal(queue, "node-a", now::get, LEASE);
    b = new ClaimedEventJournal(queue, "node-b", now::get, LEASE);
  }

  @AfterEach
  void close() {
    queue.close();
  }

  private static InvokeRequest request(String id) {
    return new InvokeRequest(
        id,
        ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
        "arn:aws:lambda:us-east-1:000000000000:function:later",
        "{\"custom\":{}}",
        false);
  }

  private void at(int seconds) {
    now.set(T0.plusSeconds(seconds));
  }

  @Test
  void anEventIsItsAcceptingNodesUntilThatNodeStopsRenewing() {
    a.record("later", request("r1"));
    at(19);
    assertThat(b.pending()).as("node a's lease runs to 20 s").isEmpty();
    at(20);
    var taken = b.pending();
    assertThat(taken).hasSize(1);
    assertThat(taken.getFirst().functionName()).isEqualTo("later");
    assertThat(taken.getFirst().request().payload()).isEqualTo(request("r1").payload());
    assertThat(taken.getFirst().request().clientContext()).isEqualTo("{\"custom\":{}}");
    assertThat(a.pending()).as("now node b's").isEmpty();
  }

  @Test
  void renewingKeepsWaitingEventsTheNodesOwn() {
    a.record("later", request("r1"));
    a.record("later", request("r2"));
    at(15);
    assertThat(a.renew()).isEqualTo(2);
    at(30);
    assertThat(b.pending()).isEmpty();
    at(35);
    assertThat(b.pending()).hasSize(2);
  }

  @Test
  void aSettledEventIsGoneAndAnotherNodesSettlementChangesNothing() {
    a.record("later", request("r1"));
    b.settle("r1");
    a.settle("r1");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> queue.size("events") == 0);
    at(60);
    assertThat(b.pending()).isEmpty();
  }

  @Test
  void aNodeThatStopsHandsItsEventsBackAtOnce() {
    a.record("later", request("r1"));
    a.close();
    at(1);
    assertThat(b.pending()).extracting(p -> p.request().requestId()).containsExactly("r1");
  }

  @Test
  void aRecordRetriedWithTheSameRequestIdAddsNothing() {
    a.record("later", request("r1"));
    a.record("later", request("r1"));
    assertThat(queue.size("events")).isEqualTo(1);
  }

  @Test
  void aStoredFormNoNodeCanReadIsDroppedRatherThanTakenForever() {
    queue.add("events", "garbage", new byte[] {9, 9, 9});
    assertThat(b.pending()).isEmpty();
    assertThat(queue.size("events")).isZero();
  }
}
