package dev.outlet.telemetry;

/**
 * Events of one stream that were dropped before they could be stored. Mutable; owned by whoever
 * holds it (the queue under its lock, then the writer after a drain).
 */
final class Gap {

  long count;
  long lastTimestamp = Long.MIN_VALUE;

  void add(long events, long timestamp) {
    count += events;
    lastTimestamp = Math.max(lastTimestamp, timestamp);
  }

  /** The line the writer stores in {@code key}'s stream in place of the lost ones. */
  DropNotice notice(StreamKey key) {
    return new DropNotice(key, count, lastTimestamp);
  }
}
