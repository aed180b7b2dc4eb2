package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.MapShape;
import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.MinuteStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GetMetricStatistics}: the statistics of one metric per period, over the minute aggregates.
 * Only periods holding samples are returned, oldest first; a metric or dimension set Outlet does
 * not publish, or a Unit other than the metric's, yields no datapoints (as CloudWatch does).
 */
final class GetMetricStatistics {
  private GetMetricStatistics() {}

  static CompletableFuture<Map<String, Object>> run(JsonNode in, MinuteStore store) {
    String namespace = Input.requiredText(in, "Namespace");
    String name = Input.requiredText(in, "MetricName");
    Periods periods = Periods.of(in, "StartTime", "EndTime", Input.requiredInt(in, "Period"));
    List<Statistic> stats = new ArrayList<>();
    Input.texts(in, "Statistics").forEach(s -> stats.add(standard(s)));
    Input.texts(in, "ExtendedStatistics").forEach(s -> stats.add(extended(s)));
    if (stats.isEmpty()) {
      throw ApiError.INVALID_PARAMETER_COMBINATION.with(
          "Must specify either Statistics or ExtendedStatistics.");
    }
    if (periods.count() > Periods.MAX_DATAPOINTS) {
      throw ApiError.INVALID_PARAMETER_COMBINATION.with(
          "You have requested up to "
              + periods.count()
              + " datapoints, which exceeds the limit of "
              + Periods.MAX_DATAPOINTS
              + ". You may reduce the datapoints requested by increasing Period, or decreasing"
              + " the time range.");
    }
    String unit = Input.text(in, "Unit");
    Optional<MetricSelector> target =
        MetricSelector.of(namespace, name, Input.list(in, "Dimensions"))
            .filter(t -> unit == null || unit.isEmpty() || unit.equals(t.metric().unit()));
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(reply(name, List.of()));
    }
    MetricSelector t = target.get();
    return store
        .read(t.function(), t.version(), t.metric(), periods.fromMinute(), periods.toMinute())
        .thenApply(
            minutes -> {
              List<Object> points = new ArrayList<>();
              periods
                  .bucket(minutes)
                  .forEach((at, a) -> points.add(datapoint(at, a, stats, t.metric().unit())));
              return reply(name, points);
            });
  }

  private static Statistic standard(String s) {
    Statistic st = Statistic.parse(s);
    if (st.percentile()) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter Statistics contains " + s + ": percentiles go in ExtendedStatistics.");
    }
    return st;
  }

  private static Statistic extended(String s) {
    Statistic st = Statistic.parse(s);
    if (!st.percentile()) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter ExtendedStatistics contains " + s + ": use Statistics for it.");
    }
    return st;
  }

  /** One datapoint, members in the model's order. */
  private static Map<String, Object> datapoint(
      Instant at, Aggregate a, List<Statistic> stats, String unit) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("Timestamp", at);
    for (String name : List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum")) {
      stats.stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .ifPresent(s -> p.put(name, s.of(a)));
    }
    p.put("Unit", unit);
    Map<String, Object> extended = new LinkedHashMap<>();
    stats.stream().filter(Statistic::percentile).forEach(s -> extended.put(s.name(), s.of(a)));
    if (!extended.isEmpty()) {
      p.put("ExtendedStatistics", new MapShape(extended));
    }
    return p;
  }

  private static Map<String, Object> reply(String label, List<Object> datapoints) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Label", label);
    r.put("Datapoints", datapoints);
    return r;
  }
}
