package dev.outlet.metrics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.outlet.edge.MapShape;
import java.time.Instant;
import java.util.List;

/**
 * GetMetricStatistics' answer, members in CloudWatch's order; the edge writes it in the request's
 * protocol. Immutable.
 *
 * @param Label the metric's name
 * @param Datapoints the periods holding samples, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GetMetricStatisticsResult(String Label, List<Datapoint> Datapoints) {
  GetMetricStatisticsResult {
    Datapoints = List.copyOf(Datapoints);
  }

  /**
   * One period's statistics: only those asked for are present (null members are not written).
   *
   * @param Timestamp the period's start
   * @param Unit the metric's unit
   * @param ExtendedStatistics the percentiles asked for, by name; null when none were
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Datapoint(
      Instant Timestamp,
      Double SampleCount,
      Double Average,
      Double Sum,
      Double Minimum,
      Double Maximum,
      String Unit,
      MapShape ExtendedStatistics) {}
}
