package dev.outlet.invoke;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.sandbox.SandboxSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous ({@code Event}) invocations: accepted at once, run in the background, retried as
 * Lambda does (lambda-contract.md §4): a function error is retried twice (after about 1 and 2
 * minutes by default), a throttle is retried with exponential backoff until the event is older than
 * the maximum event age. The function is looked up again before each attempt, so an update or a
 * delete takes effect.
 *
 * <p>An event accepted through {@link #accept} is in the {@link EventJournal} before it is
 * acknowledged and leaves it when it is settled (run, given up, or its function gone); {@link
 * #resume} runs again, after a restart, what the journal still holds. Retries after a restart start
 * over (the attempts made before the crash are not remembered).
 */
public final class EventQueue {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  private final Invocations invoker;
  private final ScheduledExecutorService timers;
  private final List<Duration> retryDelays;
  private final Duration maxAge;
  private final EventJournal journal;
  private volatile BiFunction<SandboxSpec, InvokeRequest, Policy> policies =
      (spec, request) -> Policy.DEFAULT;
  private volatile Function<EventSettled, CompletionStage<Void>> settled = e -> DONE;
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * A function's asynchronous invocation settings (its event invoke configuration): at most how
   * many retries after the first attempt, and how old an event may get; null members take the
   * queue's defaults.
   */
  public record Policy(Integer maximumRetryAttempts, Duration maximumEventAge) {
    public static final Policy DEFAULT = new Policy(null, null);
  }

  public EventQueue(
      Invocations invoker,
      ScheduledExecutorService timers,
      List<Duration> retryDelays,
      Duration maxAge,
      EventJournal journal) {
    this.invoker = invoker;
    this.timers = timers;
    this.retryDelays = List.copyOf(retryDelays);
    this.maxAge = maxAge;
    this.journal = journal;
  }

  /**
   * From now on each attempt asks {@code lookup} for the settings of the version it runs, as it was
   * invoked (an alias's settings apply to the invocations made through it).
   */
  public void usePolicies(BiFunction<SandboxSpec, InvokeRequest, Policy> lookup) {
    this.policies = lookup;
  }

  /**
   * From now on {@code listener} hears how each event ended (its destinations): called on the
   * thread that settled it, which it must not block; the event stays in the journal until the stage
   * it returns completes (its destinations committed), so a crash before then runs it again rather
   * than losing its destination record.
   */
  public void useOutcomes(Function<EventSettled, CompletionStage<Void>> listener) {
    this.settled = listener;
  }

  /** Tells how {@code e} ended, then takes it out of the journal once that was delivered. */
  private void end(EventSettled e) {
    String id = e.request().requestId();
    CompletionStage<Void> told;
    try {
      told = settled.apply(e);
    } catch (RuntimeException x) {
      LOG.warn("event {}: its destination failed", id, x);
      told = DONE;
    }
    told.whenComplete(
        (v, x) -> {
          if (x != null) {
            LOG.warn("event {}: its destination failed", id, x);
          }
          journal.settle(id);
        });
  }

  /** Runs an event nobody waits on (a schedule's): not journaled. */
  public void submit(Supplier<Optional<SandboxSpec>> function, InvokeRequest request) {
    attempt(function, request, 0, System.nanoTime(), 1000);
  }

  /**
   * Accepts a client's event: journals it on {@code blocking} (never on the caller's thread), then
   * queues it. The future completes when the event is durable, which is when it may be
   * acknowledged; it fails if the journal could not keep it (nothing is queued then).
   */
  public CompletableFuture<Void> accept(
      String functionName,
      Supplier<Optional<SandboxSpec>> function,
      InvokeRequest request,
      Executor blocking) {
    return CompletableFuture.runAsync(
        () -> {
          journal.record(functionName, request);
          submit(function, request);
        },
        blocking);
  }

  /** Queues every event the journal gives this process to run ({@link EventJournal#pending}). */
  public int resume(Function<String, Supplier<Optional<SandboxSpec>>> lookup) {
    List<EventJournal.Pending> pending = journal.pending();
    for (EventJournal.Pending p : pending) {
      LOG.info(
          "event {} for {} resumed: accepted before a restart or by a node that stopped",
          p.request().requestId(),
          p.functionName());
      submit(lookup.apply(p.functionName()), p.request());
    }
    return pending.size();
  }

  private void attempt(
      Supplier<Optional<SandboxSpec>> function,
      InvokeRequest request,
      int failures,
      long acceptedNanos,
      long throttleDelayMillis) {
    Optional<SandboxSpec> spec = function.get();
    if (spec.isEmpty()) {
      LOG.info("event {} dropped: its function no longer exists", request.requestId());
      journal.settle(request.requestId());
      return;
    }
    Policy policy = policies.apply(spec.get(), request);
    int retries =
        policy.maximumRetryAttempts() == null
            ? retryDelays.size()
            : Math.min(policy.maximumRetryAttempts(), retryDelays.size());
    Duration oldest = policy.maximumEventAge() == null ? maxAge : policy.maximumEventAge();
    if (failures > 0 && System.nanoTime() - acceptedNanos > oldest.toNanos()) {
      LOG.info("event {} dropped: older than its maximum age {}", request.requestId(), oldest);
      end(
          new EventSettled.Failed(
              spec.get(), request, failures, EventSettled.Failed.EVENT_AGE_EXCEEDED, null));
      return;
    }
    try {
      invoker
          .invoke(spec.get(), request)
          .whenComplete(
              (outcome, error) -> {
                if (error == null && !outcome.result().failed()) {
                  end(new EventSettled.Succeeded(spec.get(), request, failures + 1, outcome));
                  return;
                }
                if (error != null || platformFailed(outcome)) {
                  // Outlet could not run it (no sandbox started): not the function's failure;
                  // requeued with backoff until its age runs out, as Lambda does with 5xx
                  backOff(
                      spec.get(),
                      function,
                      request,
                      failures,
                      acceptedNanos,
                      throttleDelayMillis,
                      oldest,
                      true);
                  return;
                }
                if (failures < retries) {
                  timers.schedule(
                      () -> attempt(function, request, failures + 1, acceptedNanos, 1000),
                      retryDelays.get(failures).toMillis(),
                      TimeUnit.MILLISECONDS);
                } else {
                  LOG.info("event {} failed after {} attempts", request.requestId(), failures + 1);
                  end(
                      new EventSettled.Failed(
                          spec.get(),
                          request,
                          failures + 1,
                          EventSettled.Failed.RETRIES_EXHAUSTED,
                          error == null ? outcome : null));
                }
              });
    } catch (LambdaException e) {
      backOff(
          spec.get(),
          function,
          request,
          failures,
          acceptedNanos,
          throttleDelayMillis,
          oldest,
          e.code() == ErrorCode.TOO_MANY_REQUESTS);
    }
  }

  /** Whether Outlet, not the function, failed the attempt (its sandbox could not start). */
  private static boolean platformFailed(InvokeOutcome outcome) {
    return outcome.result() instanceof dev.outlet.sandbox.InvocationResult.Failure f
        && f.cause() == dev.outlet.sandbox.InvocationResult.Failure.Cause.LAUNCH;
  }

  /**
   * A throttled or platform-failed attempt: tried again with exponential backoff (1 s doubling to 5
   * minutes) while the event is younger than its maximum age, else given up; any other refusal (its
   * function's configuration) is given up at once.
   */
  private void backOff(
      SandboxSpec spec,
      Supplier<Optional<SandboxSpec>> function,
      InvokeRequest request,
      int failures,
      long acceptedNanos,
      long delayMillis,
      Duration oldest,
      boolean retryable) {
    long age = System.nanoTime() - acceptedNanos + delayMillis * 1_000_000;
    if (retryable && age < oldest.toNanos()) {
      long next = Math.min(delayMillis * 2, 300_000);
      timers.schedule(
          () -> attempt(function, request, failures, acceptedNanos, next),
          delayMillis,
          TimeUnit.MILLISECONDS);
      return;
    }
    LOG.info("event {} dropped after {} attempts", request.requestId(), failures);
    end(
        new EventSettled.Failed(
            spec,
            request,
            failures,
            retryable
                ? EventSettled.Failed.EVENT_AGE_EXCEEDED
                : EventSettled.Failed.RETRIES_EXHAUSTED,
            null));
  }
}
