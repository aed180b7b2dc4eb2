package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.metrics.LambdaMetric;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ListMetrics} for {@code AWS/Lambda}: every series with samples in the last two weeks (or
 * three hours with {@code RecentlyActive=PT3H}), filtered by MetricName and dimension filters, in
 * one page.
 */
final class ListMetrics {
  private ListMetrics() {}

  static CompletableFuture<Map<String, Object>> run(
      JsonNode in, MinuteStore store, long nowMillis) {
    String namespace = Input.text(in, "Namespace");
    String name = Input.text(in, "MetricName");
    List<JsonNode> filters = Input.list(in, "Dimensions");
    Duration window =
        "PT3H".equals(Input.text(in, "RecentlyActive")) ? Duration.ofHours(3) : Duration.ofDays(14);
    if (namespace != null && !namespace.isEmpty() && !namespace.equals(LambdaMetric.NAMESPACE)) {
      return CompletableFuture.completedFuture(reply(List.of()));
    }
    long since = SeriesKey.minuteOf(nowMillis - window.toMillis());
    return store
        .series(since)
        .thenApply(
            series -> {
              List<Object> metrics = new ArrayList<>();
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
                  .forEach(
                      k -> {
                        List<Map<String, Object>> dims = MetricSelector.dimensionsOf(k);
                        if (matches(dims, filters)) {
                          Map<String, Object> m = new LinkedHashMap<>();
                          m.put("Namespace", LambdaMetric.NAMESPACE);
                          m.put("MetricName", k.metric().cloudWatchName());
                          m.put("Dimensions", dims);
                          metrics.add(m);
                        }
                      });
              return reply(metrics);
            });
  }

  private static boolean matches(List<Map<String, Object>> dims, List<JsonNode> filters) {
    for (JsonNode f : filters) {
      String fname = Input.requiredText(f, "Name");
      String fvalue = Input.text(f, "Value");
      boolean found =
          dims.stream()
              .anyMatch(
                  d ->
                      d.get("Name").equals(fname)
                          && (fvalue == null || d.get("Value").equals(fvalue)));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> reply(List<Object> metrics) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Metrics", metrics);
    return r;
  }
}
