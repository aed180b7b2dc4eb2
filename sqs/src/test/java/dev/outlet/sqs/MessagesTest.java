package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Visibility, redrive, receipt handles, delays and durability with a clock the test moves. */
class MessagesTest extends OpenedQueues {
  private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:dlq";

  private Queue queue(String name, Map<String, String> attributes) {
    return queues.create(name, attributes, Map.of());
  }

  private List<StoredMessage> send(Queue q, String... bodies) {
    return messages.send(
        q,
        java.util.Arrays.stream(bodies)
            .map(b -> new Messages.Outgoing(b, Map.of(), null))
            .toList());
  }

  private List<StoredMessage> receive(String name, int max) {
    return messages.receive(name, max, null, 0).join();
  }

  @Test
  void aReceivedMessageIsInvisibleUntilItsTimeoutThenReceivedAgain() {
    Queue q = queue("q", Map.of("VisibilityTimeout", "30"));
    send(q, "a");
    StoredMessage first = receive("q", 1).get(0);
    assertThat(first.receiveCount()).isEqualTo(1);
    assertThat(receive("q", 1)).isEmpty();
    assertThat(q.state().counts(clock.millis())).isEqualTo(new QueueState.Counts(0, 1, 0));
    clock.advance(Duration.ofSeconds(29));
    assertThat(receive("q", 1)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    StoredMessage second = receive("q", 1).get(0);
    assertThat(second.receiveCount()).isEqualTo(2);
    assertThat(second.firstReceiveAt()).isEqualTo(first.firstReceiveAt());
  }

  @Test
  void anyReceiptHandleDeletesButOnlyTheLatestChangesVisibility() {
    Queue q = queue("q", Map.of("VisibilityTimeout", "0"));
    send(q, "a");
    String old = ReceiptHandles.of(receive("q", 1).get(0));
    String latest = ReceiptHandles.of(messages.receive("q", 1, 60, 0).join().get(0));
    assertThatThrownBy(() -> messages.changeVisibility(q, old, 0))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("The receipt handle has expired.");
    messages.changeVisibility(q, latest, 0);
    assertThat(q.state().counts(clock.millis()).visible()).isEqualTo(1);
    messages.delete(q, old);
    assertThat(q.state().size()).isZero();
    messages.delete(q, old); // already gone: still succeeds, as on AWS
    assertThatThrownBy(() -> messages.delete(q, "not-a-handle"))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.queryCode()).isEqualTo("ReceiptHandleIsInvalid"));
  }

  @Test
  void aMessageVisibleAgainCannotHaveItsVisibilityChanged() {
    Queue q = queue("q", Map.of("VisibilityTimeout", "5"));
    send(q, "a");
    String handle = ReceiptHandles.of(receive("q", 1).get(0));
    clock.advance(Duration.ofSeconds(5));
    assertThatThrownBy(() -> messages.changeVisibility(q, handle, 10))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.queryCode()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight"));
  }

  @Test
  void afterMaxReceiveCountReceivesTheMessageMovesToTheDeadLetterQueue() {
    Queue dlq = queue("dlq", Map.of());
    queue(
        "src",
        Map.of(
            "VisibilityTimeout",
            "0",
            "RedrivePolicy",
            "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"3\"}"));
    send(queues.get("src"), "poison");
    for (int i = 1; i <= 3; i++) {
      assertThat(receive("src", 1))
          .singleElement()
          .extracting(StoredMessage::receiveCount)
          .isEqualTo(i);
    }
    assertThat(receive("src", 1)).isEmpty();
    assertThat(dlq.state().size()).isEqualTo(1);
    reopen();
    assertThat(receive("dlq", 1)).extracting(StoredMessage::body).containsExactly("poison");
    assertThat(queues.get("src").state().size()).isZero();
  }

  @Test
  void aRedrivePolicyMustNameAnExistingOtherQueue() {
    assertThatThrownBy(
            () ->
                queue(
                    "src",
                    Map.of(
                        "RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":1}")))
        .hasMessageContaining("Dead letter target does not exist.");
  }

  @Test
  void delayedMessagesAreCountedAndDeliveredAfterTheirDelay() {
    Queue q = queue("q", Map.of("DelaySeconds", "10"));
    send(q, "later");
    messages.send(q, List.of(new Messages.Outgoing("now", Map.of(), 0)));
    assertThat(q.state().counts(clock.millis())).isEqualTo(new QueueState.Counts(1, 0, 1));
    assertThat(receive("q", 10)).extracting(StoredMessage::body).containsExactly("now");
    clock.advance(Duration.ofSeconds(10));
    assertThat(receive("q", 10)).extracting(StoredMessage::body).containsExactly("later");
  }

  @Test
  void messagesAndTheirVisibilitySurviveAReopen() {
    Queue q = queue("q", Map.of("VisibilityTimeout", "60"));
    send(q, "a", "b");
    receive("q", 1);
    reopen();
    Queue again = queues.get("q");
    assertThat(again.state().counts(clock.millis())).isEqualTo(new QueueState.Counts(1, 1, 0));
    clock.advance(Duration.ofSeconds(60));
    assertThat(receive("q", 10)).hasSize(2);
  }

  @Test
  void messagesPastTheirRetentionAreDropped() {
    Queue q = queue("q", Map.of("MessageRetentionPeriod", "60"));
    send(q, "old");
    clock.advance(Duration.ofSeconds(60));
    assertThat(receive("q", 1)).isEmpty();
    assertThat(q.state().size()).isZero();
  }

  @Test
  void aParkedLongPollCompletesWhenAMessageIsSent() throws Exception {
    Queue q = queue("q", Map.of());
    CompletableFuture<List<StoredMessage>> waiting = messages.receive("q", 10, null, 20);
    assertThat(waiting).isNotDone();
    send(q, "hello");
    assertThat(waiting.get(5, TimeUnit.SECONDS))
        .extracting(StoredMessage::body)
        .containsExactly("hello");
  }

  @Test
  void aFinishedLongPollLeavesNothingParkedOnItsQueue() throws Exception {
    Queue q = queue("q", Map.of());
    CompletableFuture<List<StoredMessage>> waiting = messages.receive("q", 1, null, 20);
    send(q, "one");
    assertThat(waiting.get(5, TimeUnit.SECONDS)).hasSize(1);
    assertThat(q.state().wakeAll()).isEmpty();
  }

  @Test
  void creatingAgainWithOtherAttributesIsRefused() {
    queue("q", Map.of("VisibilityTimeout", "10"));
    assertThat(queue("q", Map.of("VisibilityTimeout", "10")).name()).isEqualTo("q");
    assertThat(queue("q", Map.of()).name()).isEqualTo("q");
    assertThatThrownBy(() -> queue("q", Map.of("VisibilityTimeout", "11")))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.queryCode()).isEqualTo("QueueAlreadyExists"));
  }

  @Test
  void aZeroVisibilityTimeoutDeliversAMessageOnceInOneReceive() {
    queue("zdlq", Map.of());
    Queue q =
        queue(
            "zero",
            Map.of(
                "VisibilityTimeout",
                "0",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:zdlq\","
                    + "\"maxReceiveCount\":1}"));
    send(q, "once");
    assertThat(receive("zero", 10)).extracting(StoredMessage::body).containsExactly("once");
    assertThat(queues.get("zdlq").state().size())
        .as("not dead-lettered by the same receive")
        .isZero();
  }

  @Test
  void concurrentRoundTripsReceiveEachMessageOnceAndLeaveTheFileAsTheIndex() throws Exception {
    Queue q = queue("busy", Map.of("VisibilityTimeout", "600"));
    int clients = 8;
    int rounds = 25;
    java.util.Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger twice =
        new java.util.concurrent.atomic.AtomicInteger();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String client = "c" + c;
        done.add(
            threads.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    String[] bodies = new String[10];
                    for (int i = 0; i < 10; i++) {
                      bodies[i] = client + "-" + r + "-" + i;
                    }
                    send(q, bodies);
                    List<String> handles = new java.util.ArrayList<>();
                    for (StoredMessage m : receive("busy", 10)) {
                      if (!received.add(m.body())) {
                        twice.incrementAndGet();
                      }
                      if (r % 2 == 0) {
                        handles.add(ReceiptHandles.of(m)); // every other round's are kept
                      }
                    }
                    messages.deleteAll(q, handles);
                  }
                  return null;
                }));
      }
      for (var f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(twice).as("a message in flight is received once").hasValue(0);
    QueueState.Counts before = q.state().counts(clock.millis());
    reopen();
    assertThat(queues.get("busy").state().counts(clock.millis())).isEqualTo(before);
  }
}
