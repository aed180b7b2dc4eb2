package dev.outlet.telemetry;

/**
 * One stored log event. Immutable.
 *
 * @param id the store-wide unique, never reused id; {@link #eventId()} is its wire form
 * @param group the log group
 * @param stream the log stream
 * @param timestamp the event's own time, epoch milliseconds
 * @param ingestionTime when the store committed it, epoch milliseconds
 * @param message the line, at most 262,118 UTF-8 bytes (longer lines are stored split)
 */
public record LogEvent(
    long id, String group, String stream, long timestamp, long ingestionTime, String message) {

  /** The {@code eventId} of the CloudWatch Logs API: unique and stable across restarts. */
  public String eventId() {
    return Long.toString(id);
  }

  /** The position of this event, for paging on to the events after (or before) it. */
  public Cursor cursor() {
    return new Cursor(timestamp, id);
  }
}
