package dev.outlet.metrics.api;

import dev.outlet.metrics.LambdaMetric;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.SeriesKey;
import dev.outlet.metrics.api.ListMetricsInput.DimensionFilter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ListMetrics} for {@code AWS/Lambda}: every series with samples in the last two weeks (or
 * three hours with {@code RecentlyActive=PT3H}), filtered by MetricName and dimension filters, in
 * one page.
 */
final class ListMetrics {
  private ListMetrics() {}

  /**
   * @throws dev.outlet.edge.AwsException what {@link Validation#check(ListMetricsInput)} refuses
   */
  static CompletableFuture<ListMetricsResult> run(
      ListMetricsInput in, MinuteStore store, long nowMillis) {
    Validation.check(in);
    String namespace = in.Namespace();
    String name = in.MetricName();
    Duration window =
        "PT3H".equals(in.RecentlyActive()) ? Duration.ofHours(3) : Duration.ofDays(14);
    if (namespace != null && !namespace.isEmpty() && !namespace.equals(LambdaMetric.NAMESPACE)) {
      return CompletableFuture.completedFuture(new ListMetricsResult(List.of(), null));
    }
    long since = SeriesKey.minuteOf(nowMillis - window.toMillis());
    return store
        .series(since)
        .thenApply(
            series ->
                new ListMetricsResult(
                    series.stream()
                        .filter(
                            k ->
                                name == null
                                    || name.isEmpty()
                                    || k.metric().cloudWatchName().equals(name))
                        .sorted(
                            Comparator.comparing((SeriesKey k) -> k.metric().cloudWatchName())
                                .thenComparing(SeriesKey::function)
                                .thenComparing(SeriesKey::version))
                        .map(
                            k ->
                                new Metric(
                                    LambdaMetric.NAMESPACE,
                                    k.metric().cloudWatchName(),
                                    MetricSelector.dimensionsOf(k)))
                        .filter(m -> matches(m.Dimensions(), in.Dimensions()))
                        .toList(),
                    null));
  }

  private static boolean matches(List<Dimension> dims, List<DimensionFilter> filters) {
    return filters.stream()
        .allMatch(
            f ->
                dims.stream()
                    .anyMatch(
                        d ->
                            d.Name().equals(f.Name())
                                && (f.Value() == null || d.Value().equals(f.Value()))));
  }
}
