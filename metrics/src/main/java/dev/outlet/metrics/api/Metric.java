package dev.outlet.metrics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * CloudWatch's {@code Metric}: what a GetMetricData query reads, and what ListMetrics answers.
 * Immutable.
 *
 * @param Namespace {@code AWS/Lambda} for every metric Outlet has
 * @param MetricName the metric's CloudWatch name
 * @param Dimensions its dimensions; an absent list is an empty one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Metric(String Namespace, String MetricName, List<Dimension> Dimensions) {
  Metric {
    Dimensions = Dimensions == null ? List.of() : List.copyOf(Dimensions);
  }
}
