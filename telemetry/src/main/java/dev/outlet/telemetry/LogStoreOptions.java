package dev.outlet.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LogStore} buffers and writes. Immutable; start from {@link #defaults()}.
 *
 * @param maxQueueBytes the byte budget of events appended but not yet stored (approximate heap
 *     footprint); past it the oldest are dropped
 * @param maxQueueEvents the most events appended but not yet stored; past it the oldest are dropped
 * @param maxBatchEvents the most events the writer stores in one transaction
 * @param retentionInterval how often the writer deletes events past their group's retention
 * @param linger how long the writer lets a partial batch wait for more events (unless a flush or a
 *     query waits): under a steady trickle, one commit per linger instead of one per invoke
 * @param clock the source of ingestion and creation times, and of "now" for retention
 */
public record LogStoreOptions(
    long maxQueueBytes,
    int maxQueueEvents,
    int maxBatchEvents,
    Duration retentionInterval,
    Duration linger,
    Clock clock) {

  public LogStoreOptions {
    Objects.requireNonNull(retentionInterval, "retentionInterval");
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(clock, "clock");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative");
    }
    if (maxQueueBytes < 1 || maxQueueEvents < 1 || maxBatchEvents < 1) {
      throw new IllegalArgumentException("log store bounds must be positive");
    }
    if (retentionInterval.isNegative() || retentionInterval.isZero()) {
      throw new IllegalArgumentException("retentionInterval must be positive");
    }
  }

  /**
   * 32 MB or 262,144 events queued, 2,000 events a transaction, retention every minute, 10 ms of
   * linger.
   */
  public static LogStoreOptions defaults() {
    return new LogStoreOptions(
        32L << 20, 262_144, 2_000, Duration.ofMinutes(1), Duration.ofMillis(10), Clock.systemUTC());
  }

  public LogStoreOptions withMaxQueueBytes(long bytes) {
    return new LogStoreOptions(
        bytes, maxQueueEvents, maxBatchEvents, retentionInterval, linger, clock);
  }

  public LogStoreOptions withMaxQueueEvents(int events) {
    return new LogStoreOptions(
        maxQueueBytes, events, maxBatchEvents, retentionInterval, linger, clock);
  }

  public LogStoreOptions withMaxBatchEvents(int events) {
    return new LogStoreOptions(
        maxQueueBytes, maxQueueEvents, events, retentionInterval, linger, clock);
  }

  public LogStoreOptions withRetentionInterval(Duration interval) {
    return new LogStoreOptions(
        maxQueueBytes, maxQueueEvents, maxBatchEvents, interval, linger, clock);
  }

  public LogStoreOptions withClock(Clock clock) {
    return new LogStoreOptions(
        maxQueueBytes, maxQueueEvents, maxBatchEvents, retentionInterval, linger, clock);
  }

  public LogStoreOptions withLinger(Duration linger) {
    return new LogStoreOptions(
        maxQueueBytes, maxQueueEvents, maxBatchEvents, retentionInterval, linger, clock);
  }
}
