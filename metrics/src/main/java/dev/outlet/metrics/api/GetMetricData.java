package dev.outlet.metrics.api;

import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.api.GetMetricDataInput.MetricStat;
import dev.outlet.metrics.api.GetMetricDataResult.MetricDataResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GetMetricData} for {@code MetricStat} queries: one result per query (unless {@code
 * ReturnData} is false) with the periods holding samples, newest first unless {@code ScanBy} is
 * {@code TimestampAscending}; every result is {@code Complete} (no pagination). Metric math and
 * Metrics Insights expressions are refused with InvalidParameterValue ({@link Validation}).
 */
final class GetMetricData {
  private GetMetricData() {}

  /**
   * @throws dev.outlet.edge.AwsException what {@link Validation#check(GetMetricDataInput)} refuses
   */
  static CompletableFuture<GetMetricDataResult> run(GetMetricDataInput in, MinuteStore store) {
    List<Validation.Query> queries = Validation.check(in);
    boolean ascending = "TimestampAscending".equals(in.ScanBy());
    List<CompletableFuture<MetricDataResult>> results = new ArrayList<>();
    for (Validation.Query q : queries) {
      if (!Boolean.FALSE.equals(q.query().ReturnData())) {
        results.add(result(q, ascending, store));
      }
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new GetMetricDataResult(
                    results.stream().map(CompletableFuture::join).toList(), List.of(), null));
  }

  private static CompletableFuture<MetricDataResult> result(
      Validation.Query q, boolean ascending, MinuteStore store) {
    MetricStat stat = q.query().MetricStat();
    Metric metric = stat.Metric();
    String unit = stat.Unit();
    Optional<MetricSelector> target =
        MetricSelector.of(metric.Namespace(), metric.MetricName(), metric.Dimensions())
            .filter(t -> unit == null || unit.isEmpty() || unit.equals(t.metric().unit()));
    String label = q.query().Label();
    String shown = label == null || label.isEmpty() ? metric.MetricName() : label;
    String id = q.query().Id();
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(reply(id, shown, new TreeMap<>(), q.statistic()));
    }
    MetricSelector t = target.get();
    Periods periods = q.periods();
    return store
        .read(t.function(), t.version(), t.metric(), periods.fromMinute(), periods.toMinute())
        .thenApply(
            minutes -> {
              NavigableMap<Instant, Aggregate> points = periods.bucket(minutes);
              return reply(id, shown, ascending ? points : points.descendingMap(), q.statistic());
            });
  }

  private static MetricDataResult reply(
      String id, String label, NavigableMap<Instant, Aggregate> points, Statistic statistic) {
    List<Instant> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    points.forEach(
        (at, a) -> {
          timestamps.add(at);
          values.add(statistic.of(a));
        });
    return new MetricDataResult(id, label, timestamps, values, "Complete");
  }
}
