package dev.outlet.telemetry;

/**
 * Events of one stream that were dropped before they could be stored. Mutable; owned by whoever
 * holds it (the queue under its lock, then the writer after a drain).
 */
final class Gap {

  long count;
  long lastTimestamp = Long.MIN_VALUE;

  /** Whether some of them were lost to a failed write rather than to a full queue. */
  boolean unwritten;

  void add(long events, long timestamp) {
    count += events;
    lastTimestamp = Math.max(lastTimestamp, timestamp);
  }

  /** Adds events a write failed to store. */
  void addUnwritten(long events, long timestamp) {
    add(events, timestamp);
    unwritten = true;
  }

  /** Takes {@code other}'s events in. */
  void merge(Gap other) {
    add(other.count, other.lastTimestamp);
    unwritten |= other.unwritten;
  }

  /** The line the writer stores in {@code key}'s stream in place of the lost ones. */
  DropNotice notice(StreamKey key) {
    return new DropNotice(key, count, lastTimestamp, unwritten);
  }
}
