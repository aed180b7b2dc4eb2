package dev.outlet.metrics;

import dev.outlet.invoke.InvocationSample;

/**
 * Turns one {@link MetricEvent} into the values it adds to minute series: pure functions.
 *
 * <p>An invocation counts in the account's series, its function's series and, for a published
 * version (not {@code $LATEST}), that version's series. Errors, cold and warm starts are recorded
 * as 0 or 1 on every invocation, so that their Sum is a count and their Average a rate.
 */
final class Observations {
  /** Receives one value for one series. */
  interface Sink {
    void add(SeriesKey key, double value);
  }

  private Observations() {}

  static void expand(MetricEvent event, Sink sink) {
    switch (event) {
      case MetricEvent.Invoked(InvocationSample s) -> invoked(s, sink);
      case MetricEvent.Throttled t ->
          forScopes(t.function(), t.version(), t.epochMillis(), LambdaMetric.THROTTLES, 1, sink);
      case MetricEvent.Concurrency c -> {
        long minute = SeriesKey.minuteOf(c.epochMillis());
        LambdaMetric m = LambdaMetric.CONCURRENT_EXECUTIONS;
        sink.add(new SeriesKey(SeriesKey.ALL, SeriesKey.ALL, m, minute), c.accountValue());
        sink.add(new SeriesKey(c.function(), SeriesKey.ALL, m, minute), c.functionValue());
      }
    }
  }

  private static void invoked(InvocationSample s, Sink sink) {
    String f = s.function();
    String v = s.version();
    long at = s.endEpochMillis();
    forScopes(f, v, at, LambdaMetric.INVOCATIONS, 1, sink);
    forScopes(f, v, at, LambdaMetric.ERRORS, s.error() ? 1 : 0, sink);
    forScopes(f, v, at, LambdaMetric.DURATION, s.durationMillis(), sink);
    forScopes(f, v, at, LambdaMetric.COLD_STARTS, s.cold() ? 1 : 0, sink);
    forScopes(f, v, at, LambdaMetric.WARM_STARTS, s.cold() ? 0 : 1, sink);
    if (s.cold()) {
      forScopes(f, v, at, LambdaMetric.INIT_DURATION, s.initMillis(), sink);
    }
    if (s.maxMemoryUsedMb() > 0) {
      forScopes(f, v, at, LambdaMetric.MAX_MEMORY_USED, s.maxMemoryUsedMb(), sink);
    }
    if (s.provisioned() != null) {
      boolean served = s.provisioned().provisioned();
      forScopes(f, v, at, LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, served ? 1 : 0, sink);
      forScopes(
          f,
          v,
          at,
          LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS,
          served ? 0 : 1,
          sink);
      forScopes(
          f, v, at, LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS, s.provisioned().busy(), sink);
      forScopes(
          f,
          v,
          at,
          LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION,
          s.provisioned().utilization(),
          sink);
    }
    double gbs = Prices.gbSeconds(s.billedMillis(), s.memorySizeMb());
    forScopes(f, v, at, LambdaMetric.BILLED_GB_SECONDS, gbs, sink);
    double cost = Prices.cost(s.architecture(), s.billedMillis(), s.memorySizeMb());
    forScopes(f, v, at, LambdaMetric.ESTIMATED_COST, cost, sink);
  }

  private static void forScopes(
      String function, String version, long epochMillis, LambdaMetric m, double value, Sink sink) {
    long minute = SeriesKey.minuteOf(epochMillis);
    sink.add(new SeriesKey(SeriesKey.ALL, SeriesKey.ALL, m, minute), value);
    sink.add(new SeriesKey(function, SeriesKey.ALL, m, minute), value);
    if (version != null && !version.isEmpty() && !version.equals("$LATEST")) {
      sink.add(new SeriesKey(function, version, m, minute), value);
    }
  }
}
