package dev.outlet.telemetry;

/**
 * The line stored in {@code key}'s stream in place of events that were dropped before they could be
 * stored, at the newest of their timestamps.
 */
record DropNotice(StreamKey key, long count, long timestamp) implements LogItem {

  String message() {
    return "[outlet] " + count + " log lines dropped: the log store could not keep up";
  }
}
