package dev.outlet.server;

import dev.outlet.core.Ticker;

/**
 * Whether a failure that a frequent task meets again and again (the queues' tick, four times a
 * second, while the database is away) is worth a line in the log: a message other than the last one
 * logged always is; the same message again only once {@link #QUIET_NANOS} have passed since it was,
 * with how many times it was met meanwhile. Thread-safe (synchronized; the task never runs twice at
 * once, so it is not contended).
 */
final class RepeatedWarning {
  /** How long the same message is not logged again. */
  static final long QUIET_NANOS = 30_000_000_000L;

  private final Ticker ticker;
  private String last;
  private long loggedAt;
  private long unlogged;

  RepeatedWarning(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * The line to log for {@code message} now, or null to stay quiet; the line says how often the
   * same message was met unlogged since it last was.
   */
  synchronized String line(String message) {
    long now = ticker.nanos();
    if (message.equals(last) && now - loggedAt < QUIET_NANOS) {
      unlogged++;
      return null;
    }
    String line =
        message.equals(last) && unlogged > 0
            ? message + " (and " + unlogged + " more times since it was last logged)"
            : message;
    last = message;
    loggedAt = now;
    unlogged = 0;
    return line;
  }
}
