package dev.outlet.metrics.api;

import dev.outlet.metrics.LambdaMetric;
import dev.outlet.metrics.SeriesKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a CloudWatch metric identity (namespace, name, dimensions) to one of Outlet's series, and
 * back. The {@code AWS/Lambda} dimension sets: none (the account), {@code FunctionName}, and {@code
 * FunctionName} with {@code Resource} ({@code name:version}) or {@code ExecutedVersion}. Any other
 * identity has no data, as in CloudWatch. Pure.
 */
record MetricSelector(String function, String version, LambdaMetric metric) {

  /** The series a valid metric identity names; empty when Outlet has none of that identity. */
  static Optional<MetricSelector> of(String namespace, String name, List<Dimension> dimensions) {
    Optional<LambdaMetric> metric = LambdaMetric.named(name);
    if (!LambdaMetric.NAMESPACE.equals(namespace) || metric.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> dims = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      dims.put(d.Name(), d.Value());
    }
    String function = dims.remove("FunctionName");
    if (function == null) {
      return dims.isEmpty()
          ? Optional.of(new MetricSelector(SeriesKey.ALL, SeriesKey.ALL, metric.get()))
          : Optional.empty();
    }
    String version = SeriesKey.ALL;
    String resource = dims.remove("Resource");
    String executed = dims.remove("ExecutedVersion");
    if (resource != null && resource.startsWith(function + ":")) {
      version = resource.substring(function.length() + 1);
    } else if (resource != null && !resource.equals(function)) {
      return Optional.empty();
    }
    if (executed != null) {
      if (!version.isEmpty() && !version.equals(executed)) {
        return Optional.empty();
      }
      version = executed;
    }
    return dims.isEmpty()
        ? Optional.of(new MetricSelector(function, version, metric.get()))
        : Optional.empty();
  }

  /** The dimensions that name {@code key}'s series, as ListMetrics returns them. */
  static List<Dimension> dimensionsOf(SeriesKey key) {
    List<Dimension> out = new ArrayList<>();
    if (!key.function().isEmpty()) {
      out.add(new Dimension("FunctionName", key.function()));
    }
    if (!key.version().isEmpty()) {
      out.add(new Dimension("Resource", key.function() + ":" + key.version()));
    }
    return out;
  }
}
