package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * GetMetricStatistics' request, with CloudWatch's member names, as the edge binds it from a form,
 * JSON or CBOR. Members are null when absent (lists: empty); {@link Validation#check(
 * GetMetricStatisticsInput)} says which are required and which values are allowed. Immutable.
 *
 * @param Namespace the metric's namespace (required)
 * @param MetricName the metric's name (required)
 * @param Dimensions the metric's dimensions
 * @param StartTime the window's start, inclusive (required; {@link WireTime})
 * @param EndTime the window's end, exclusive (required)
 * @param Period seconds per datapoint (required)
 * @param Statistics SampleCount, Average, Sum, Minimum, Maximum
 * @param ExtendedStatistics percentiles ({@code p99})
 * @param Unit only datapoints of this unit; null for any
 */
record GetMetricStatisticsInput(
    String Namespace,
    String MetricName,
    List<Dimension> Dimensions,
    @JsonDeserialize(using = WireTime.class) Instant StartTime,
    @JsonDeserialize(using = WireTime.class) Instant EndTime,
    @JsonDeserialize(using = WireInteger.class) Integer Period,
    List<String> Statistics,
    List<String> ExtendedStatistics,
    String Unit) {

  GetMetricStatisticsInput {
    Dimensions = Dimensions == null ? List.of() : List.copyOf(Dimensions);
    Statistics = Statistics == null ? List.of() : List.copyOf(Statistics);
    ExtendedStatistics = ExtendedStatistics == null ? List.of() : List.copyOf(ExtendedStatistics);
  }
}
