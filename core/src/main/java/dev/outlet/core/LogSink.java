package dev.outlet.core;

/**
 * Where log events go: one call per line. Implementations never block the caller for I/O; under
 * overload they drop the oldest unstored events and say so.
 */
public interface LogSink {

  /**
   * Appends one event.
   *
   * @param group the log group, e.g. {@code /aws/lambda/NAME}
   * @param stream the stream, e.g. {@code 2026/11/26/[$LATEST]0123...}
   * @param timestampMillis the event's time, epoch milliseconds
   * @param message the line, without its trailing newline
   */
  void append(String group, String stream, long timestampMillis, String message);

  /** A sink that keeps nothing, for tests and for {@code local invoke}. */
  LogSink DISCARD = (group, stream, timestampMillis, message) -> {};
}
