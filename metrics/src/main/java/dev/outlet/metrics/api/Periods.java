package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
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
  /** CloudWatch's limit on datapoints in one GetMetricStatistics answer. */
  static final long MAX_DATAPOINTS = 1440;

  /**
   * @throws dev.outlet.edge.AwsException InvalidParameterValue for a period that is not a positive
   *     multiple of 60 or a window that does not end after it starts
   */
  static Periods of(JsonNode in, String startField, String endField, int periodSeconds) {
    Instant start = Input.requiredTime(in, startField);
    Instant end = Input.requiredTime(in, endField);
    if (periodSeconds < 60 || periodSeconds % 60 != 0) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter Period must be a multiple of 60 (Outlet keeps one-minute resolution).");
    }
    if (!end.isAfter(start)) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter " + startField + " must be less than the parameter " + endField + ".");
    }
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
