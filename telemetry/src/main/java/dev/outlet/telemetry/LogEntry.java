package dev.outlet.telemetry;

import java.util.Objects;

/**
 * One event handed to {@link LogStore#store}: a timestamp and a message. Immutable.
 *
 * @param timestamp the event's time, epoch milliseconds
 * @param message the line; longer than 262,118 UTF-8 bytes, it is stored split
 */
public record LogEntry(long timestamp, String message) {

  public LogEntry {
    Objects.requireNonNull(message, "message");
  }
}
