package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.MinuteStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GetMetricData} for {@code MetricStat} queries: one result per query (unless {@code
 * ReturnData} is false) with the periods holding samples, newest first unless {@code ScanBy} is
 * {@code TimestampAscending}; every result is {@code Complete} (no pagination). Metric math and
 * Metrics Insights expressions are refused with InvalidParameterValue.
 */
final class GetMetricData {
  private static final int MAX_QUERIES = 500;

  private GetMetricData() {}

  static CompletableFuture<Map<String, Object>> run(JsonNode in, MinuteStore store) {
    List<JsonNode> queries = Input.list(in, "MetricDataQueries");
    if (queries.isEmpty()) {
      throw Input.missing("MetricDataQueries");
    }
    if (queries.size() > MAX_QUERIES) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The collection MetricDataQueries must not have a size greater than 500.");
    }
    boolean ascending = "TimestampAscending".equals(Input.text(in, "ScanBy"));
    Set<String> ids = new HashSet<>();
    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>();
    for (JsonNode q : queries) {
      String id = Input.requiredText(q, "Id");
      if (!ids.add(id)) {
        throw ApiError.INVALID_PARAMETER_VALUE.with("The value " + id + " for Id is not unique.");
      }
      if (q.hasNonNull("Expression")) {
        throw ApiError.INVALID_PARAMETER_VALUE.with(
            "Query "
                + id
                + ": Outlet does not evaluate metric math or Metrics Insights"
                + " expressions; use MetricStat.");
      }
      JsonNode stat = q.get("MetricStat");
      if (stat == null || !stat.isObject()) {
        throw Input.missing("MetricDataQueries.member.N.MetricStat");
      }
      if ("false".equals(Input.text(q, "ReturnData"))) {
        continue;
      }
      results.add(result(in, id, Input.text(q, "Label"), stat, ascending, store));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<Object> list = new ArrayList<>();
              results.forEach(r -> list.add(r.join()));
              Map<String, Object> reply = new LinkedHashMap<>();
              reply.put("MetricDataResults", list);
              reply.put("Messages", List.of());
              return reply;
            });
  }

  private static CompletableFuture<Map<String, Object>> result(
      JsonNode in, String id, String label, JsonNode stat, boolean ascending, MinuteStore store) {
    JsonNode metric = stat.get("Metric");
    if (metric == null || !metric.isObject()) {
      throw Input.missing("MetricStat.Metric");
    }
    String name = Input.requiredText(metric, "MetricName");
    Statistic statistic = Statistic.parse(Input.requiredText(stat, "Stat"));
    Periods periods = Periods.of(in, "StartTime", "EndTime", Input.requiredInt(stat, "Period"));
    String unit = Input.text(stat, "Unit");
    Optional<MetricSelector> target =
        MetricSelector.of(
                Input.requiredText(metric, "Namespace"), name, Input.list(metric, "Dimensions"))
            .filter(t -> unit == null || unit.isEmpty() || unit.equals(t.metric().unit()));
    String shown = label == null || label.isEmpty() ? name : label;
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(reply(id, shown, new java.util.TreeMap<>(), null));
    }
    MetricSelector t = target.get();
    return store
        .read(t.function(), t.version(), t.metric(), periods.fromMinute(), periods.toMinute())
        .thenApply(
            minutes -> {
              NavigableMap<Instant, Aggregate> points = periods.bucket(minutes);
              return reply(id, shown, ascending ? points : points.descendingMap(), statistic);
            });
  }

  private static Map<String, Object> reply(
      String id, String label, NavigableMap<Instant, Aggregate> points, Statistic statistic) {
    List<Object> timestamps = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    points.forEach(
        (at, a) -> {
          timestamps.add(at);
          values.add(statistic.of(a));
        });
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Id", id);
    r.put("Label", label);
    r.put("Timestamps", timestamps);
    r.put("Values", values);
    r.put("StatusCode", "Complete");
    return r;
  }
}
