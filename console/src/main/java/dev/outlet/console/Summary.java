package dev.outlet.console;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.LambdaMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code /api/summary}: the account's (or a function's) metrics over a window, as totals, series of
 * one point per period, and, for the account, every function's totals. Made by the pure {@link
 * #of}.
 */
record Summary(
    long start,
    long end,
    int periodSeconds,
    Totals totals,
    Map<String, List<Point>> series,
    List<FunctionTotals> functions) {

  /** The metrics a summary reads. */
  static final List<LambdaMetric> METRICS =
      List.of(
          LambdaMetric.INVOCATIONS,
          LambdaMetric.ERRORS,
          LambdaMetric.THROTTLES,
          LambdaMetric.COLD_STARTS,
          LambdaMetric.WARM_STARTS,
          LambdaMetric.DURATION,
          LambdaMetric.INIT_DURATION,
          LambdaMetric.CONCURRENT_EXECUTIONS,
          LambdaMetric.MAX_MEMORY_USED,
          LambdaMetric.ESTIMATED_COST,
          LambdaMetric.BILLED_GB_SECONDS);

  /** The per-function metrics of the account's summary. */
  static final List<LambdaMetric> PER_FUNCTION =
      List.of(
          LambdaMetric.INVOCATIONS,
          LambdaMetric.ERRORS,
          LambdaMetric.THROTTLES,
          LambdaMetric.DURATION,
          LambdaMetric.ESTIMATED_COST);

  /** One datapoint, written {@code [epochMillis, value]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  record Point(long t, double v) {}

  record Totals(
      long invocations,
      long errors,
      long throttles,
      long coldStarts,
      long warmStarts,
      Double durationP50,
      Double durationP99,
      Double initDurationP50,
      long maxConcurrency,
      Double maxMemoryUsedMb,
      double estimatedCost,
      double gbSeconds) {}

  record FunctionTotals(
      String name,
      long invocations,
      long errors,
      long throttles,
      Double durationAverage,
      double estimatedCost) {}

  /**
   * The period of a window: one minute up to 3 hours, 5 minutes up to 12 hours, else an hour (read
   * from the store's hourly rollup).
   */
  static int periodMinutes(int windowMinutes) {
    return windowMinutes <= 180 ? 1 : windowMinutes <= 720 ? 5 : 60;
  }

  /**
   * @param fromMinute the window's first minute (epoch minutes)
   * @param toMinute the minute after its last
   * @param minutes each metric's minutes in the window
   * @param perFunction each of {@link #PER_FUNCTION}'s totals by function, without percentiles
   *     (empty for a function's own summary)
   */
  static Summary of(
      long fromMinute,
      long toMinute,
      int periodMinutes,
      Map<LambdaMetric, NavigableMap<Long, Aggregate>> minutes,
      Map<LambdaMetric, Map<String, Aggregate>> perFunction) {
    Map<LambdaMetric, NavigableMap<Long, Aggregate>> buckets = new EnumMap<>(LambdaMetric.class);
    Map<LambdaMetric, Aggregate> whole = new EnumMap<>(LambdaMetric.class);
    for (LambdaMetric m : METRICS) {
      NavigableMap<Long, Aggregate> b = new TreeMap<>();
      Aggregate all = new Aggregate();
      minutes
          .getOrDefault(m, new TreeMap<>())
          .forEach(
              (minute, a) -> {
                long bucket = minute - Math.floorMod(minute, periodMinutes);
                b.computeIfAbsent(bucket, k -> new Aggregate()).merge(a);
                all.merge(a);
              });
      buckets.put(m, b);
      whole.put(m, all);
    }
    Map<String, List<Point>> series = new LinkedHashMap<>();
    series.put("invocations", points(buckets, LambdaMetric.INVOCATIONS, Aggregate::sum));
    series.put("errors", points(buckets, LambdaMetric.ERRORS, Aggregate::sum));
    series.put("throttles", points(buckets, LambdaMetric.THROTTLES, Aggregate::sum));
    series.put("coldStarts", points(buckets, LambdaMetric.COLD_STARTS, Aggregate::sum));
    series.put("warmStarts", points(buckets, LambdaMetric.WARM_STARTS, Aggregate::sum));
    series.put("durationP50", points(buckets, LambdaMetric.DURATION, a -> a.percentile(0.50)));
    series.put("durationP99", points(buckets, LambdaMetric.DURATION, a -> a.percentile(0.99)));
    series.put(
        "initDurationP50", points(buckets, LambdaMetric.INIT_DURATION, a -> a.percentile(0.50)));
    series.put(
        "concurrency", points(buckets, LambdaMetric.CONCURRENT_EXECUTIONS, Aggregate::maximum));
    series.put(
        "maxMemoryUsedMb", points(buckets, LambdaMetric.MAX_MEMORY_USED, Aggregate::maximum));
    series.put("estimatedCost", points(buckets, LambdaMetric.ESTIMATED_COST, Aggregate::sum));
    Totals totals =
        new Totals(
            Math.round(whole.get(LambdaMetric.INVOCATIONS).sum()),
            Math.round(whole.get(LambdaMetric.ERRORS).sum()),
            Math.round(whole.get(LambdaMetric.THROTTLES).sum()),
            Math.round(whole.get(LambdaMetric.COLD_STARTS).sum()),
            Math.round(whole.get(LambdaMetric.WARM_STARTS).sum()),
            percentile(whole.get(LambdaMetric.DURATION), 0.50),
            percentile(whole.get(LambdaMetric.DURATION), 0.99),
            percentile(whole.get(LambdaMetric.INIT_DURATION), 0.50),
            whole.get(LambdaMetric.CONCURRENT_EXECUTIONS).sampleCount() == 0
                ? 0
                : Math.round(whole.get(LambdaMetric.CONCURRENT_EXECUTIONS).maximum()),
            whole.get(LambdaMetric.MAX_MEMORY_USED).sampleCount() == 0
                ? null
                : whole.get(LambdaMetric.MAX_MEMORY_USED).maximum(),
            whole.get(LambdaMetric.ESTIMATED_COST).sum(),
            whole.get(LambdaMetric.BILLED_GB_SECONDS).sum());
    return new Summary(
        fromMinute * 60_000,
        toMinute * 60_000,
        periodMinutes * 60,
        totals,
        series,
        functions(perFunction));
  }

  private static List<FunctionTotals> functions(Map<LambdaMetric, Map<String, Aggregate>> per) {
    Map<String, Aggregate> invocations = per.getOrDefault(LambdaMetric.INVOCATIONS, Map.of());
    List<FunctionTotals> out = new ArrayList<>(invocations.size());
    for (String name : invocations.keySet()) {
      out.add(
          new FunctionTotals(
              name,
              Math.round(invocations.get(name).sum()),
              Math.round(sum(per, LambdaMetric.ERRORS, name)),
              Math.round(sum(per, LambdaMetric.THROTTLES, name)),
              average(per.getOrDefault(LambdaMetric.DURATION, Map.of()).get(name)),
              sum(per, LambdaMetric.ESTIMATED_COST, name)));
    }
    // throttled-only functions have no invocations but belong in the list
    per.getOrDefault(LambdaMetric.THROTTLES, Map.of())
        .forEach(
            (name, a) -> {
              if (!invocations.containsKey(name) && a.sum() > 0) {
                out.add(new FunctionTotals(name, 0, 0, Math.round(a.sum()), null, 0));
              }
            });
    out.sort(Comparator.comparingLong(FunctionTotals::invocations).reversed());
    return out;
  }

  private static double sum(
      Map<LambdaMetric, Map<String, Aggregate>> per, LambdaMetric m, String n) {
    Aggregate a = per.getOrDefault(m, Map.of()).get(n);
    return a == null ? 0 : a.sum();
  }

  private static Double average(Aggregate a) {
    return a == null || a.sampleCount() == 0 ? null : round(a.average());
  }

  private static Double percentile(Aggregate a, double q) {
    return a == null || a.sampleCount() == 0 ? null : round(a.percentile(q));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static List<Point> points(
      Map<LambdaMetric, NavigableMap<Long, Aggregate>> buckets,
      LambdaMetric m,
      java.util.function.ToDoubleFunction<Aggregate> value) {
    List<Point> out = new ArrayList<>();
    buckets
        .get(m)
        .forEach(
            (minute, a) -> {
              if (a.sampleCount() > 0) {
                double v = value.applyAsDouble(a);
                out.add(
                    new Point(minute * 60_000, m == LambdaMetric.ESTIMATED_COST ? v : round(v)));
              }
            });
    return out;
  }
}
