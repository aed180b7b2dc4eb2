package dev.outlet.core.writer;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a {@link DurableWriter} gathers and recovers. Immutable.
 *
 * @param threadName the name of its platform daemon thread, e.g. {@code outlet-log-writer}
 * @param store the store's name in messages, e.g. {@code logs.db}
 * @param maxBatch the most items one {@link BatchSink#write} receives
 * @param linger how long a partial batch waits for more items (zero: write at once), unless a
 *     flush, a task or close is waiting
 * @param failureBackoff how long the writer pauses after a failed batch (not when closing)
 * @param idleWake how long the writer sleeps at most when nothing is queued, i.e. how often {@link
 *     BatchSink#housekeep()} runs at least
 * @param nanoTime the time source for linger, backoff and deadlines ({@code System::nanoTime})
 */
public record WriterOptions(
    String threadName,
    String store,
    int maxBatch,
    Duration linger,
    Duration failureBackoff,
    Duration idleWake,
    LongSupplier nanoTime) {

  public WriterOptions {
    Objects.requireNonNull(threadName, "threadName");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
    }
    if (linger.isNegative() || failureBackoff.isNegative() || !idleWake.isPositive()) {
      throw new IllegalArgumentException("writer durations must not be negative");
    }
  }

  /** No linger, one second of backoff, a wake-up a second, the system's nanoTime. */
  public static WriterOptions of(String threadName, String store, int maxBatch) {
    return new WriterOptions(
        threadName,
        store,
        maxBatch,
        Duration.ZERO,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        System::nanoTime);
  }

  public WriterOptions withLinger(Duration linger) {
    return new WriterOptions(
        threadName, store, maxBatch, linger, failureBackoff, idleWake, nanoTime);
  }

  public WriterOptions withFailureBackoff(Duration backoff) {
    return new WriterOptions(threadName, store, maxBatch, linger, backoff, idleWake, nanoTime);
  }

  public WriterOptions withIdleWake(Duration wake) {
    return new WriterOptions(threadName, store, maxBatch, linger, failureBackoff, wake, nanoTime);
  }

  public WriterOptions withNanoTime(LongSupplier source) {
    return new WriterOptions(threadName, store, maxBatch, linger, failureBackoff, idleWake, source);
  }
}
