package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FIFO queues over a real store with a clock the test moves: group order, one in-flight batch per
 * group, deduplication and its window, durability of both, FIFO dead-lettering, move tasks, and an
 * sqs.db of the first schema opened by this version.
 */
class FifoMessagesTest extends OpenedQueues {
  private static final Map<String, String> FIFO = Map.of("FifoQueue", "true");

  private StoredMessage send(String queue, String group, String dedup, String body) {
    return messages
        .send(queues.get(queue), List.of(new Messages.Outgoing(body, Map.of(), null, group, dedup)))
        .get(0);
  }

  private List<String> receive(String queue, int max) {
    return messages.receive(queue, max, null, 0).join().stream().map(StoredMessage::body).toList();
  }

  private void deleteAll(String queue, List<StoredMessage> received) {
    received.forEach(m -> messages.delete(queues.get(queue), ReceiptHandles.of(m)));
  }

  @Test
  void aGroupIsDeliveredInOrderAndBlockedWhileABatchOfItIsInFlight() {
    queues.create("q.fifo", FIFO, Map.of());
    send("q.fifo", "a", "1", "a1");
    send("q.fifo", "b", "2", "b1");
    send("q.fifo", "a", "3", "a2");
    send("q.fifo", "a", "4", "a3");
    List<StoredMessage> first = messages.receive("q.fifo", 2, null, 0).join();
    assertThat(first).extracting(StoredMessage::body).containsExactly("a1", "b1");
    assertThat(receive("q.fifo", 10)).as("both groups have a batch in flight").isEmpty();
    deleteAll("q.fifo", first.subList(0, 1));
    assertThat(receive("q.fifo", 10)).containsExactly("a2", "a3");
    clock.advance(Duration.ofSeconds(30));
    assertThat(receive("q.fifo", 10))
        .as("undeleted messages come back first, in order")
        .containsExactly("b1", "a2", "a3");
  }

  @Test
  void aDuplicateWithinFiveMinutesIsAnsweredAsTheOriginalAndNotEnqueued() {
    queues.create("d.fifo", FIFO, Map.of());
    StoredMessage original = send("d.fifo", "g", "same", "one");
    clock.advance(Duration.ofMinutes(4));
    StoredMessage again = send("d.fifo", "other", "same", "two");
    assertThat(again.id()).isEqualTo(original.id());
    assertThat(again.seq()).isEqualTo(original.seq());
    assertThat(receive("d.fifo", 10)).containsExactly("one");
    clock.advance(Duration.ofMinutes(1));
    StoredMessage later = send("d.fifo", "g", "same", "three");
    assertThat(later.id()).isNotEqualTo(original.id());
    assertThat(later.seq()).isGreaterThan(original.seq());
  }

  @Test
  void messageGroupScopeDeduplicatesWithinAGroupOnly() {
    queues.create(
        "s.fifo",
        Map.of(
            "FifoQueue", "true",
            "DeduplicationScope", "messageGroup",
            "FifoThroughputLimit", "perMessageGroupId"),
        Map.of());
    StoredMessage a = send("s.fifo", "a", "x", "a");
    StoredMessage b = send("s.fifo", "b", "x", "b");
    assertThat(b.id()).isNotEqualTo(a.id());
    assertThat(send("s.fifo", "a", "x", "again").id()).isEqualTo(a.id());
  }

  @Test
  void deduplicationIdsAndSequenceNumbersSurviveARestart() {
    queues.create("r.fifo", FIFO, Map.of());
    StoredMessage original = send("r.fifo", "g", "kept", "body");
    deleteAll("r.fifo", messages.receive("r.fifo", 1, null, 0).join());
    reopen();
    assertThat(send("r.fifo", "g", "kept", "body").id()).isEqualTo(original.id());
    assertThat(receive("r.fifo", 10)).as("not enqueued again").isEmpty();
    StoredMessage next = send("r.fifo", "g", "new", "body");
    assertThat(next.seq()).as("never reused").isGreaterThan(original.seq());
    assertThat(Fifo.sequenceNumber(next.seq()))
        .hasSize(20)
        .isGreaterThan(Fifo.sequenceNumber(original.seq()));
  }

  @Test
  void aFifoQueueDeadLettersToAFifoQueueInOrderAndRefusesAStandardOne() {
    queues.create("dlq.fifo", FIFO, Map.of());
    queues.create("std", Map.of(), Map.of());
    String policy =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:std\","
            + "\"maxReceiveCount\":\"1\"}";
    assertThatThrownBy(
            () ->
                queues.create(
                    "src.fifo", Map.of("FifoQueue", "true", "RedrivePolicy", policy), Map.of()))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("Dead-letter queue must be same type of queue as the source");
    queues.create(
        "src.fifo",
        Map.of("FifoQueue", "true", "RedrivePolicy", policy.replace(":std", ":dlq.fifo")),
        Map.of());
    send("src.fifo", "g", "1", "m1");
    send("src.fifo", "g", "2", "m2");
    assertThat(receive("src.fifo", 10)).containsExactly("m1", "m2");
    clock.advance(Duration.ofSeconds(30));
    assertThat(receive("src.fifo", 10)).isEmpty();
    List<StoredMessage> dead = messages.receive("dlq.fifo", 10, null, 0).join();
    assertThat(dead).extracting(StoredMessage::body).containsExactly("m1", "m2");
    assertThat(dead).extracting(StoredMessage::origin).containsOnly("src.fifo");
  }

  @Test
  void aMoveTaskReturnsDeadLetteredMessagesToTheirSourceAndCompletes() throws Exception {
    queues.create("dlq", Map.of(), Map.of());
    queues.create(
        "src",
        Map.of(
            "RedrivePolicy",
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\","
                + "\"maxReceiveCount\":1}",
            "VisibilityTimeout",
            "0"),
        Map.of());
    messages.send(
        queues.get("src"),
        List.of(
            new Messages.Outgoing("x", Map.of(), null),
            new Messages.Outgoing("y", Map.of(), null)));
    assertThat(receive("src", 10)).hasSize(2);
    assertThat(receive("src", 10)).isEmpty();
    assertThat(queues.get("dlq").state().size()).isEqualTo(2);
    String handle = messages.moves().start(queues.get("dlq"), null, 10);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (messages.moves().list("arn:aws:sqs:us-east-1:000000000000:dlq", 1).get(0).status()
            == MoveTasks.Status.RUNNING
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    MoveTasks.View done = messages.moves().list("arn:aws:sqs:us-east-1:000000000000:dlq", 1).get(0);
    assertThat(done.status()).isEqualTo(MoveTasks.Status.COMPLETED);
    assertThat(done.moved()).isEqualTo(2);
    assertThat(done.toMove()).isEqualTo(2);
    assertThat(done.taskHandle()).as("only a running task shows its handle").isNull();
    assertThat(MoveTasks.taskId(handle)).isNotBlank();
    List<StoredMessage> back = messages.receive("src", 10, null, 0).join();
    assertThat(back).extracting(StoredMessage::body).containsExactlyInAnyOrder("x", "y");
    assertThat(back).extracting(StoredMessage::receiveCount).containsOnly(1);
    reopen();
    assertThat(queues.get("dlq").state().size()).as("the move is durable").isZero();
    assertThat(queues.get("src").state().size()).isEqualTo(2);
    assertThatThrownBy(() -> messages.moves().cancel(handle))
        .isInstanceOf(AwsException.class)
        .hasMessage("Task does not exist.");
  }

  @Test
  void aFileOfTheFirstSchemaOpensWithItsMessagesAndTakesFifoQueues() throws Exception {
    close();
    Path old = dir.resolve("old.db");
    try (var db = DriverManager.getConnection("jdbc:sqlite:" + old);
        var s = db.createStatement()) {
      s.execute(
          "CREATE TABLE queues (name TEXT PRIMARY KEY, attributes TEXT NOT NULL,"
              + " tags TEXT NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE messages (seq INTEGER PRIMARY KEY, queue TEXT NOT NULL,"
              + " id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT NOT NULL,"
              + " sent INTEGER NOT NULL, visible_at INTEGER NOT NULL,"
              + " receive_count INTEGER NOT NULL, first_receive INTEGER NOT NULL)");
      s.execute(
          "INSERT INTO queues VALUES ('old', '{\"DelaySeconds\":\"0\",\"MaximumMessageSize\":"
              + "\"262144\",\"MessageRetentionPeriod\":\"345600\","
              + "\"ReceiveMessageWaitTimeSeconds\":\"0\",\"VisibilityTimeout\":\"30\"}', '{}',"
              + " 1, 1)");
      s.execute(
          "INSERT INTO messages VALUES (7, 'old', 'id-7', 'kept', '{}', "
              + clock.millis()
              + ", 0, 0, 0)");
    }
    store = SqsStore.open(old);
    queues = new Queues(store, clock, "us-east-1", "000000000000");
    messages = new Messages(queues, store, clock);
    assertThat(receive("old", 10)).containsExactly("kept");
    queues.create("new.fifo", FIFO, Map.of());
    assertThat(send("new.fifo", "g", "d", "fresh").seq()).isGreaterThan(7);
    assertThat(receive("new.fifo", 10)).containsExactly("fresh");
  }
}
