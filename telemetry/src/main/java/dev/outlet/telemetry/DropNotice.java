package dev.outlet.telemetry;

/**
 * The line stored in {@code key}'s stream in place of events that were dropped before they could be
 * stored, at the newest of their timestamps, saying why: the queue was full (overload), or a write
 * failed ({@code unwritten}: the database refused it or was out of reach; Outlet's log says why).
 */
record DropNotice(StreamKey key, long count, long timestamp, boolean unwritten) implements LogItem {

  String message() {
    return "[outlet] "
        + count
        + " log lines dropped: "
        + (unwritten
            ? "the log store could not write them (its database failed; see Outlet's log)"
            : "the log store could not keep up");
  }
}
