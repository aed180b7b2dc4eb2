package dev.outlet.sqs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One {@code ReceiveMessage} waiting for messages without a thread: parked on its queue (woken by a
 * send) and on a timer (the wait's end or the next message to become visible), each wake-up tries
 * the receive again on {@code executor}; the first that takes messages, or the deadline, completes
 * {@link #result}. Thread-safe: wake-ups are serialized on this object.
 */
final class LongPoll implements Runnable {
  private final QueueState queue;
  private final Supplier<List<StoredMessage>> attempt;
  private final long deadline;
  private final java.time.InstantSource clock;
  private final ScheduledExecutorService timers;
  private final Executor executor;
  private final CompletableFuture<List<StoredMessage>> result = new CompletableFuture<>();
  private final Runnable wake = () -> executor().execute(this);
  private ScheduledFuture<?> timer;

  LongPoll(
      QueueState queue,
      Supplier<List<StoredMessage>> attempt,
      long deadline,
      java.time.InstantSource clock,
      ScheduledExecutorService timers,
      Executor executor) {
    this.queue = queue;
    this.attempt = attempt;
    this.deadline = deadline;
    this.clock = clock;
    this.timers = timers;
    this.executor = executor;
  }

  private Executor executor() {
    return executor;
  }

  CompletableFuture<List<StoredMessage>> result() {
    return result;
  }

  /** Parks until the next wake-up. */
  synchronized void park() {
    if (result.isDone()) {
      return;
    }
    queue.park(wake);
    long now = clock.millis();
    long at = Math.min(deadline, queue.nextVisibleAt());
    if (timer != null) {
      timer.cancel(false);
    }
    timer = timers.schedule(wake, Math.max(0, at - now), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void run() {
    if (result.isDone()) {
      return;
    }
    try {
      List<StoredMessage> taken = attempt.get();
      if (!taken.isEmpty() || clock.millis() >= deadline) {
        if (timer != null) {
          timer.cancel(false);
        }
        queue.unpark(wake);
        result.complete(taken);
        return;
      }
      park();
    } catch (RuntimeException e) {
      queue.unpark(wake);
      result.completeExceptionally(e);
    }
  }
}
