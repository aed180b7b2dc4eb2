package dev.outlet.metrics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * ListMetrics' answer; the edge writes it in the request's protocol. Outlet answers in one page:
 * NextToken is always null (not written). Immutable.
 *
 * @param Metrics the metrics with data in the window, by name, function and version
 * @param NextToken the next page's token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ListMetricsResult(List<Metric> Metrics, String NextToken) {
  ListMetricsResult {
    Metrics = List.copyOf(Metrics);
  }
}
