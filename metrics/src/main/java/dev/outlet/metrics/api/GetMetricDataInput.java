package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * GetMetricData's request, with CloudWatch's member names, as the edge binds it from a form, JSON
 * or CBOR. Members are null when absent (lists: empty); {@link
 * Validation#check(GetMetricDataInput)} says which are required. Outlet answers in one page, so
 * NextToken and MaxDatapoints are read but not used, nor are LabelOptions. Immutable.
 *
 * @param MetricDataQueries the queries, 1 to 500 (required)
 * @param StartTime the window's start, inclusive (required; {@link WireTime})
 * @param EndTime the window's end, exclusive (required)
 * @param NextToken a previous answer's token
 * @param ScanBy {@code TimestampDescending} (the default) or {@code TimestampAscending}
 * @param MaxDatapoints the most datapoints to return
 * @param LabelOptions how labels show time zones
 */
record GetMetricDataInput(
    List<MetricDataQuery> MetricDataQueries,
    @JsonDeserialize(using = WireTime.class) Instant StartTime,
    @JsonDeserialize(using = WireTime.class) Instant EndTime,
    String NextToken,
    String ScanBy,
    @JsonDeserialize(using = WireInteger.class) Integer MaxDatapoints,
    LabelOptions LabelOptions) {

  GetMetricDataInput {
    MetricDataQueries = MetricDataQueries == null ? List.of() : List.copyOf(MetricDataQueries);
  }

  /**
   * One query: a metric's statistic ({@code MetricStat}) or an expression, which Outlet refuses.
   *
   * @param Id unique within the request (required)
   * @param MetricStat the metric, period and statistic (required without Expression)
   * @param Expression metric math or a Metrics Insights query
   * @param Label the result's label; the metric's name when absent
   * @param ReturnData false to compute the query without returning it
   * @param Period an expression's period
   * @param AccountId the account of a cross-account query
   */
  record MetricDataQuery(
      String Id,
      MetricStat MetricStat,
      String Expression,
      String Label,
      Boolean ReturnData,
      @JsonDeserialize(using = WireInteger.class) Integer Period,
      String AccountId) {}

  /**
   * A metric's statistic per period.
   *
   * @param Metric the metric (required)
   * @param Period seconds per datapoint (required)
   * @param Stat a statistic or percentile (required)
   * @param Unit only data of this unit; null for any
   */
  record MetricStat(
      Metric Metric,
      @JsonDeserialize(using = WireInteger.class) Integer Period,
      String Stat,
      String Unit) {}

  /**
   * @param Timezone the offset labels are shown in ({@code +0130})
   */
  record LabelOptions(String Timezone) {}
}
