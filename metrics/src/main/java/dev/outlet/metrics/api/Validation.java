package dev.outlet.metrics.api;

import dev.outlet.edge.AwsException;
import dev.outlet.metrics.api.GetMetricDataInput.MetricDataQuery;
import dev.outlet.metrics.api.GetMetricDataInput.MetricStat;
import dev.outlet.metrics.api.ListMetricsInput.DimensionFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch's checks on a request's content, in one place, each refusal an {@link ApiError} with
 * CloudWatch's wording; also the words {@link WireTime} and {@link WireInteger} refuse a value
 * with. Each check returns what the operation needs from a valid request (its window, its
 * statistics), so an operation never re-reads a member it could refuse. Pure.
 */
final class Validation {
  /** CloudWatch's limit on queries in one GetMetricData request. */
  private static final int MAX_QUERIES = 500;

  /** CloudWatch's limit on datapoints in one GetMetricStatistics answer. */
  static final long MAX_DATAPOINTS = 1440;

  private Validation() {}

  /**
   * A valid GetMetricStatistics request's window and statistics.
   *
   * @param statistics the Statistics then the ExtendedStatistics, as asked
   */
  record Statistics(Periods periods, List<Statistic> statistics) {}

  /** A valid GetMetricData query with its statistic and window. */
  record Query(MetricDataQuery query, Statistic statistic, Periods periods) {}

  static Statistics check(GetMetricStatisticsInput in) {
    required(in.Namespace(), "Namespace");
    required(in.MetricName(), "MetricName");
    Periods periods = window(in.StartTime(), in.EndTime(), in.Period());
    List<Statistic> stats = new ArrayList<>();
    for (String s : in.Statistics()) {
      Statistic st = statistic(s);
      if (st.percentile()) {
        throw ApiError.INVALID_PARAMETER_VALUE.with(
            "The parameter Statistics contains " + s + ": percentiles go in ExtendedStatistics.");
      }
      stats.add(st);
    }
    for (String s : in.ExtendedStatistics()) {
      Statistic st = statistic(s);
      if (!st.percentile()) {
        throw ApiError.INVALID_PARAMETER_VALUE.with(
            "The parameter ExtendedStatistics contains " + s + ": use Statistics for it.");
      }
      stats.add(st);
    }
    if (stats.isEmpty()) {
      throw ApiError.INVALID_PARAMETER_COMBINATION.with(
          "Must specify either Statistics or ExtendedStatistics.");
    }
    if (periods.count() > MAX_DATAPOINTS) {
      throw ApiError.INVALID_PARAMETER_COMBINATION.with(
          "You have requested up to "
              + periods.count()
              + " datapoints, which exceeds the limit of "
              + MAX_DATAPOINTS
              + ". You may reduce the datapoints requested by increasing Period, or decreasing"
              + " the time range.");
    }
    dimensions(in.Dimensions());
    return new Statistics(periods, List.copyOf(stats));
  }

  /** Every query, checked whether or not it returns data, in the request's order. */
  static List<Query> check(GetMetricDataInput in) {
    List<MetricDataQuery> queries = in.MetricDataQueries();
    if (queries.isEmpty()) {
      throw missing("MetricDataQueries");
    }
    if (queries.size() > MAX_QUERIES) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The collection MetricDataQueries must not have a size greater than 500.");
    }
    Set<String> ids = new HashSet<>();
    List<Query> out = new ArrayList<>();
    for (MetricDataQuery q : queries) {
      String id = required(q.Id(), "Id");
      if (!ids.add(id)) {
        throw ApiError.INVALID_PARAMETER_VALUE.with("The value " + id + " for Id is not unique.");
      }
      if (q.Expression() != null) {
        throw ApiError.INVALID_PARAMETER_VALUE.with(
            "Query "
                + id
                + ": Outlet does not evaluate metric math or Metrics Insights"
                + " expressions; use MetricStat.");
      }
      if (q.MetricStat() == null) {
        throw missing("MetricDataQueries.member.N.MetricStat");
      }
      out.add(query(q, in.StartTime(), in.EndTime()));
    }
    return List.copyOf(out);
  }

  private static Query query(MetricDataQuery q, Instant start, Instant end) {
    MetricStat stat = q.MetricStat();
    Metric metric = stat.Metric();
    if (metric == null) {
      throw missing("MetricStat.Metric");
    }
    required(metric.MetricName(), "MetricName");
    Statistic statistic = statistic(required(stat.Stat(), "Stat"));
    Periods periods = window(start, end, stat.Period());
    required(metric.Namespace(), "Namespace");
    dimensions(metric.Dimensions());
    return new Query(q, statistic, periods);
  }

  static void check(ListMetricsInput in) {
    for (DimensionFilter f : in.Dimensions()) {
      required(f.Name(), "Name");
    }
  }

  /**
   * The window of StartTime (rounded down to the minute) to EndTime in periods of {@code
   * periodSeconds}: each required, the period a positive multiple of 60 (Outlet keeps minutes), the
   * end after the start.
   */
  static Periods window(Instant start, Instant end, Integer periodSeconds) {
    if (periodSeconds == null) {
      throw missing("Period");
    }
    if (start == null) {
      throw missing("StartTime");
    }
    if (end == null) {
      throw missing("EndTime");
    }
    if (periodSeconds < 60 || periodSeconds % 60 != 0) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter Period must be a multiple of 60 (Outlet keeps one-minute resolution).");
    }
    if (!end.isAfter(start)) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    return Periods.of(start, end, periodSeconds);
  }

  private static Statistic statistic(String name) {
    return Statistic.parse(String.valueOf(name))
        .orElseThrow(
            () ->
                ApiError.INVALID_PARAMETER_VALUE.with(
                    "The statistic "
                        + name
                        + " is not supported: use SampleCount, Average, Sum, Minimum, Maximum or a"
                        + " percentile p0.0 to p100."));
  }

  private static void dimensions(List<Dimension> dimensions) {
    for (Dimension d : dimensions) {
      required(d.Name(), "Name");
      required(d.Value(), "Value");
    }
  }

  private static String required(String value, String member) {
    if (value == null || value.isEmpty()) {
      throw missing(member);
    }
    return value;
  }

  static AwsException missing(String member) {
    return ApiError.MISSING_PARAMETER.with("The parameter " + member + " is required.");
  }

  static AwsException notANumber(String member, String text) {
    return ApiError.INVALID_PARAMETER_VALUE.with(
        "The parameter " + member + " must be a number, got " + text + ".");
  }

  static AwsException notATimestamp(String member, String text) {
    return ApiError.INVALID_PARAMETER_VALUE.with(
        "The parameter " + member + " must be an ISO 8601 timestamp, got " + text + ".");
  }
}
