package dev.outlet.metrics;

/**
 * One time series at one-minute resolution: a metric of the whole account ({@code function} and
 * {@code version} empty), of one function (all versions: {@code version} empty), or of one
 * published version of a function.
 *
 * @param minute the minute's start, in epoch minutes (epoch millis / 60,000)
 */
public record SeriesKey(String function, String version, LambdaMetric metric, long minute) {

  public static final String ALL = "";

  /** The series of the same metric and scope, at another minute. */
  public SeriesKey at(long otherMinute) {
    return new SeriesKey(function, version, metric, otherMinute);
  }

  /** The minute that holds {@code epochMillis}. */
  public static long minuteOf(long epochMillis) {
    return Math.floorDiv(epochMillis, 60_000L);
  }
}
