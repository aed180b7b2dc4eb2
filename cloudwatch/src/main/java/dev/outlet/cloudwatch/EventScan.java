package dev.outlet.cloudwatch;

import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan behind FilterLogEvents: reads events page by page after a cursor, keeps those the
 * pattern matches, and stops at {@code limit} matches, at the end of the events, or once it has
 * examined {@code budget} events. Pure apart from the {@link PageSource} it reads; holds at most
 * one page and the matches in memory.
 */
final class EventScan {

  /**
   * Reads up to {@code limit} events ordered strictly after {@code after} (null: from the start).
   */
  @FunctionalInterface
  interface PageSource {
    List<LogEvent> page(Cursor after, int limit);
  }

  /**
   * What one scan found.
   *
   * @param matches the matching events, in order
   * @param next where the next scan continues, or null if this one reached the end
   */
  record Result(List<LogEvent> matches, Cursor next) {}

  private EventScan() {}

  /**
   * Scans after {@code after}.
   *
   * @param pageSize the most events read from the source at once
   * @param budget the most events examined; a scan that stops on it returns a {@code next} cursor
   *     even without a match, so every scan makes progress
   */
  static Result scan(
      PageSource source, FilterPattern pattern, Cursor after, int limit, int pageSize, int budget) {
    boolean all = pattern == TermPattern.ALL;
    List<LogEvent> matches = new ArrayList<>();
    Cursor at = after;
    int scanned = 0;
    while (true) {
      int want = Math.min(pageSize, budget - scanned);
      if (all) {
        want = Math.min(want, limit - matches.size());
      }
      List<LogEvent> page = source.page(at, want);
      for (LogEvent event : page) {
        at = event.cursor();
        scanned++;
        if (pattern.matches(event.message())) {
          matches.add(event);
          if (matches.size() == limit) {
            return new Result(matches, at);
          }
        }
      }
      if (page.size() < want) {
        return new Result(matches, null);
      }
      if (scanned >= budget) {
        return new Result(matches, at);
      }
    }
  }
}
