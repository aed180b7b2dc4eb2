package dev.outlet.metrics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * GetMetricData's answer, members in CloudWatch's order; the edge writes it in the request's
 * protocol. Outlet answers in one page: NextToken is always null (not written). Immutable.
 *
 * @param MetricDataResults one per query that returns data, in the queries' order
 * @param Messages messages about the request as a whole (none)
 * @param NextToken the next page's token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GetMetricDataResult(
    List<MetricDataResult> MetricDataResults, List<MessageData> Messages, String NextToken) {
  GetMetricDataResult {
    MetricDataResults = List.copyOf(MetricDataResults);
    Messages = List.copyOf(Messages);
  }

  /**
   * One query's datapoints.
   *
   * @param Id the query's Id
   * @param Label the query's Label, else the metric's name
   * @param Timestamps the periods' starts, in the order asked for ({@code ScanBy})
   * @param Values the statistic per period, in the same order
   * @param StatusCode {@code Complete}: Outlet never truncates
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MetricDataResult(
      String Id, String Label, List<Instant> Timestamps, List<Double> Values, String StatusCode) {
    MetricDataResult {
      Timestamps = List.copyOf(Timestamps);
      Values = List.copyOf(Values);
    }
  }

  /**
   * A message CloudWatch attaches to an answer.
   *
   * @param Code the message's code
   * @param Value its text
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MessageData(String Code, String Value) {}
}
