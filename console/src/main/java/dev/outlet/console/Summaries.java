package dev.outlet.console;

import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.LambdaMetric;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.SeriesKey;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;

/** Reads the minute store for {@code /api/summary}: every query on the store's own thread. */
final class Summaries {
  static final int MIN_MINUTES = 15;
  static final int MAX_MINUTES = 15 * 24 * 60;

  private final MinuteStore store;
  private final InstantSource clock;

  Summaries(MinuteStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  void handle(HttpServerRequest req) {
    String given = req.getParam("minutes");
    int minutes;
    try {
      minutes = given == null ? 60 : Integer.parseInt(given);
    } catch (NumberFormatException e) {
      minutes = -1;
    }
    if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      Replies.error(
          req.response(),
          400,
          "ValidationException",
          "minutes must be a whole number from " + MIN_MINUTES + " to " + MAX_MINUTES + ".");
      return;
    }
    String function = req.getParam("function");
    Context context = Vertx.currentContext();
    summary(minutes, function == null || function.isBlank() ? null : function)
        .whenComplete(
            (s, failure) ->
                context.runOnContext(
                    v -> {
                      if (failure != null) {
                        Replies.error(
                            req.response(), 500, "ServiceException", "metrics: " + failure);
                      } else {
                        Replies.json(req.response(), 200, s);
                      }
                    }));
  }

  /**
   * The summary of the last {@code minutes} (the current minute included); for a window read by the
   * hour, the whole hours that cover it.
   */
  CompletableFuture<Summary> summary(int minutes, String function) {
    int period = Summary.periodMinutes(minutes);
    boolean hourly = period == 60;
    long now = SeriesKey.minuteOf(clock.millis());
    long to = hourly ? Math.floorDiv(now, 60) + 1 : now + 1;
    long from = hourly ? to - (minutes + 59) / 60 : to - minutes;
    String scope = function == null ? SeriesKey.ALL : function;
    Map<LambdaMetric, CompletableFuture<NavigableMap<Long, Aggregate>>> reads =
        new EnumMap<>(LambdaMetric.class);
    for (LambdaMetric m : Summary.METRICS) {
      reads.put(
          m,
          hourly
              ? store.readHours(scope, SeriesKey.ALL, m, from, to)
              : store.read(scope, SeriesKey.ALL, m, from, to));
    }
    Map<LambdaMetric, CompletableFuture<Map<String, Aggregate>>> perFunction =
        new EnumMap<>(LambdaMetric.class);
    if (function == null) {
      for (LambdaMetric m : Summary.PER_FUNCTION) {
        perFunction.put(m, store.byFunction(m, from, to, hourly));
      }
    }
    List<CompletableFuture<?>> all = new ArrayList<>(reads.values());
    all.addAll(perFunction.values());
    int scale = hourly ? 60 : 1;
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              Map<LambdaMetric, NavigableMap<Long, Aggregate>> got =
                  new EnumMap<>(LambdaMetric.class);
              reads.forEach((m, f) -> got.put(m, inMinutes(f.join(), scale)));
              Map<LambdaMetric, Map<String, Aggregate>> per = new EnumMap<>(LambdaMetric.class);
              perFunction.forEach((m, f) -> per.put(m, f.join()));
              return Summary.of(from * scale, to * scale, period, got, per);
            });
  }

  private static NavigableMap<Long, Aggregate> inMinutes(
      NavigableMap<Long, Aggregate> rows, int scale) {
    if (scale == 1) {
      return rows;
    }
    NavigableMap<Long, Aggregate> out = new java.util.TreeMap<>();
    rows.forEach((t, a) -> out.put(t * scale, a));
    return out;
  }
}
