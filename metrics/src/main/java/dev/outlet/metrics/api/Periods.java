package dev.outlet.metrics.api;

import dev.outlet.metrics.Aggregate;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The time window of a query and its periods: StartTime rounded down to the minute (inclusive),
 * EndTime exclusive, periods aligned on the start. Pure.
 *
 * @param fromMinute first epoch minute, inclusive
 * @param toMinute last epoch minute, exclusive
 * @param periodMinutes the period, in whole minutes
 */
record Periods(long fromMinute, long toMinute, long periodMinutes) {
  /**
   * The window from {@code start} to {@code end} in periods of {@code periodSeconds}, which {@link
   * Validation#window} checked: a positive multiple of 60, the end after the start.
   */
  static Periods of(Instant start, Instant end, int periodSeconds) {
    long from = Math.floorDiv(start.toEpochMilli(), 60_000L);
    long to = Math.floorDiv(end.toEpochMilli() + 59_999L, 60_000L);
    return new Periods(from, to, periodSeconds / 60);
  }

  long count() {
    return (toMinute - fromMinute + periodMinutes - 1) / periodMinutes;
  }

  /** Merges minutes into their periods; only periods holding samples appear, keyed by start. */
  NavigableMap<Instant, Aggregate> bucket(Map<Long, Aggregate> minutes) {
    TreeMap<Instant, Aggregate> out = new TreeMap<>();
    minutes.forEach(
        (minute, a) -> {
          long start = fromMinute + (minute - fromMinute) / periodMinutes * periodMinutes;
          out.computeIfAbsent(Instant.ofEpochSecond(start * 60), s -> new Aggregate()).merge(a);
        });
    out.values().removeIf(a -> a.sampleCount() == 0);
    return out;
  }
}
