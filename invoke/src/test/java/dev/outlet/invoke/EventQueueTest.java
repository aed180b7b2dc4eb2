package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.testkit.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event queue's retry policy over a real journal, with a scripted stand-in for the invoker
 * (pure logic: which attempt comes when, and how each event ends for its destinations).
 */
class EventQueueTest {
  private static final List<Duration> FAST = List.of(Duration.ofMillis(20), Duration.ofMillis(20));

  @TempDir Path data;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<EventSettled> settled = new CopyOnWriteArrayList<>();
  private SqliteEventJournal journal;
  private final SandboxSpec spec = Specs.provided(Path.of("/nonexistent"), 512);

  @BeforeEach
  void open() {
    journal = SqliteEventJournal.open(data);
  }

  @AfterEach
  void close() {
    timers.shutdownNow();
    journal.close();
  }

  private static InvokeRequest request(String id) {
    return new InvokeRequest(
        id,
        "{}".getBytes(StandardCharsets.UTF_8),
        "arn:aws:lambda:us-east-1:0:function:f",
        null,
        false);
  }

  private static InvokeOutcome outcome(InvocationResult r) {
    return new InvokeOutcome("id", "$LATEST", r, null);
  }

  private static final InvocationResult OK =
      new InvocationResult.Success("{}".getBytes(StandardCharsets.UTF_8), "application/json");
  private static final InvocationResult ERROR =
      new InvocationResult.FunctionError("{\"errorType\":\"E\"}".getBytes(StandardCharsets.UTF_8));
  private static final InvocationResult LAUNCH =
      InvocationResult.Failure.of(
          InvocationResult.Failure.Cause.LAUNCH, "id", FunctionErrorType.RUNTIME_EXIT_ERROR, "no");

  /** A queue whose invoker answers the scripted results in turn (the last one from then on). */
  /** What the destinations answer: done unless a test holds it. */
  private volatile CompletableFuture<Void> told = CompletableFuture.completedFuture(null);

  private EventQueue queue(AtomicInteger attempts, InvocationResult... script) {
    EventQueue q =
        new EventQueue(
            (s, r) -> {
              int n = attempts.getAndIncrement();
              return CompletableFuture.completedFuture(
                  outcome(script[Math.min(n, script.length - 1)]));
            },
            timers,
            FAST,
            Duration.ofHours(6),
            journal);
    q.useOutcomes(
        e -> {
          settled.add(e);
          return told;
        });
    return q;
  }

  private void accept(EventQueue q, String id) {
    q.accept("f", () -> Optional.of(spec), request(id), Runnable::run).join();
  }

  @Test
  void anEventStaysJournaledUntilItsDestinationsAreDelivered() {
    told = new CompletableFuture<>();
    AtomicInteger attempts = new AtomicInteger();
    accept(queue(attempts, OK), "held");
    await().atMost(Duration.ofSeconds(5)).until(() -> settled.size() == 1);
    assertThat(journal.pending()).hasSize(1); // a crash now runs it again
    told.complete(null);
    await().atMost(Duration.ofSeconds(5)).until(() -> journal.pending().isEmpty());
  }

  @Test
  void aSuccessIsSettledAndToldOnce() {
    AtomicInteger attempts = new AtomicInteger();
    accept(queue(attempts, OK), "a");
    await().atMost(Duration.ofSeconds(5)).until(() -> settled.size() == 1);
    assertThat(settled.get(0)).isInstanceOf(EventSettled.Succeeded.class);
    assertThat(settled.get(0).attempts()).isOne();
    await().atMost(Duration.ofSeconds(5)).until(() -> journal.pending().isEmpty());
  }

  @Test
  void aFunctionErrorIsRetriedTwiceThenItsRetriesAreExhausted() {
    AtomicInteger attempts = new AtomicInteger();
    accept(queue(attempts, ERROR), "b");
    await().atMost(Duration.ofSeconds(5)).until(() -> settled.size() == 1);
    EventSettled.Failed f = (EventSettled.Failed) settled.get(0);
    assertThat(f.condition()).isEqualTo("RetriesExhausted");
    assertThat(f.attempts()).isEqualTo(3);
    assertThat(f.outcome().result()).isEqualTo(ERROR);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void theInvokedAliasOrVersionsPolicyDecidesTheRetries() {
    AtomicInteger attempts = new AtomicInteger();
    EventQueue q = queue(attempts, ERROR, OK);
    q.usePolicies(
        (s, r) ->
            r.invokedFunctionArn().endsWith(":live")
                ? new EventQueue.Policy(0, null)
                : EventQueue.Policy.DEFAULT);
    q.accept(
            "f",
            () -> Optional.of(spec),
            new InvokeRequest(
                "c",
                "{}".getBytes(StandardCharsets.UTF_8),
                "arn:aws:lambda:us-east-1:0:function:f:live",
                null,
                false),
            Runnable::run)
        .join();
    await().atMost(Duration.ofSeconds(5)).until(() -> settled.size() == 1);
    assertThat(settled.get(0)).isInstanceOf(EventSettled.Failed.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void anEventOlderThanItsMaximumAgeIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    EventQueue q = queue(attempts, ERROR);
    q.usePolicies((s, r) -> new EventQueue.Policy(2, Duration.ofMillis(1)));
    accept(q, "d");
    await().atMost(Duration.ofSeconds(5)).until(() -> settled.size() == 1);
    EventSettled.Failed f = (EventSettled.Failed) settled.get(0);
    assertThat(f.condition()).isEqualTo("EventAgeExceeded");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aSandboxThatCouldNotStartIsNotTheFunctionsFailureAndIsTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    EventQueue q = queue(attempts, LAUNCH, OK);
    q.usePolicies((s, r) -> new EventQueue.Policy(0, null)); // no retries for function errors
    accept(q, "e");
    await().atMost(Duration.ofSeconds(10)).until(() -> settled.size() == 1);
    assertThat(settled.get(0)).isInstanceOf(EventSettled.Succeeded.class);
    assertThat(attempts).hasValue(2);
  }
}
