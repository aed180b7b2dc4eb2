package dev.outlet.metrics.api;

import dev.outlet.edge.MapShape;
import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.api.GetMetricStatisticsResult.Datapoint;
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

  /**
   * @throws dev.outlet.edge.AwsException what {@link Validation#check(GetMetricStatisticsInput)}
   *     refuses
   */
  static CompletableFuture<GetMetricStatisticsResult> run(
      GetMetricStatisticsInput in, MinuteStore store) {
    Validation.Statistics valid = Validation.check(in);
    String unit = in.Unit();
    Optional<MetricSelector> target =
        MetricSelector.of(in.Namespace(), in.MetricName(), in.Dimensions())
            .filter(t -> unit == null || unit.isEmpty() || unit.equals(t.metric().unit()));
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(
          new GetMetricStatisticsResult(in.MetricName(), List.of()));
    }
    MetricSelector t = target.get();
    Periods periods = valid.periods();
    return store
        .read(t.function(), t.version(), t.metric(), periods.fromMinute(), periods.toMinute())
        .thenApply(
            minutes -> {
              List<Datapoint> points = new ArrayList<>();
              periods
                  .bucket(minutes)
                  .forEach(
                      (at, a) ->
                          points.add(datapoint(at, a, valid.statistics(), t.metric().unit())));
              return new GetMetricStatisticsResult(in.MetricName(), points);
            });
  }

  /** One datapoint: the statistics asked for, the percentiles by name. */
  private static Datapoint datapoint(Instant at, Aggregate a, List<Statistic> stats, String unit) {
    Map<String, Object> extended = new LinkedHashMap<>();
    stats.stream().filter(Statistic::percentile).forEach(s -> extended.put(s.name(), s.of(a)));
    return new Datapoint(
        at,
        value(stats, "SampleCount", a),
        value(stats, "Average", a),
        value(stats, "Sum", a),
        value(stats, "Minimum", a),
        value(stats, "Maximum", a),
        unit,
        extended.isEmpty() ? null : new MapShape(extended));
  }

  /** The statistic {@code name} of {@code a} if it was asked for, else null (not written). */
  private static Double value(List<Statistic> stats, String name, Aggregate a) {
    return stats.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(s -> s.of(a))
        .orElse(null);
  }
}
