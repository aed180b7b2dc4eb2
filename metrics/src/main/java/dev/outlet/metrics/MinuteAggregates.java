package dev.outlet.metrics;

import dev.outlet.core.writer.BatchSink;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the metrics store's {@link dev.outlet.core.writer.DurableWriter} writes into: the open (not
 * yet stored) per-(series, minute) aggregates and {@link MinuteTable}. Confined to the writer
 * thread.
 *
 * <ol>
 *   <li>A batch of events is folded into the open aggregates; nothing is written per batch.
 *   <li>Housekeeping merges the open aggregates into the database every {@link
 *       MinuteStore.Options#flushEvery()} (a failed merge is logged and its aggregates dropped),
 *       records the invocations still running at each minute's start, and once an hour deletes
 *       minutes past the retention.
 *   <li>Queries see the database and the open aggregates; {@link #close()} merges, then closes.
 * </ol>
 */
final class MinuteAggregates implements BatchSink<MetricEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(MinuteAggregates.class);
  private static final long RETENTION_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

  private final MinuteTable table;
  private final InstantSource clock;
  private final MinuteStore.Options options;
  private final Supplier<Map<String, Integer>> running;
  private final LongSupplier nanoTime;
  private Map<SeriesKey, Aggregate> open = new HashMap<>();
  private long lastMinute;
  private long nextPersist;
  private long nextRetention;

  MinuteAggregates(
      MinuteTable table,
      InstantSource clock,
      MinuteStore.Options options,
      Supplier<Map<String, Integer>> running,
      LongSupplier nanoTime) {
    this.table = table;
    this.clock = clock;
    this.options = options;
    this.running = running;
    this.nanoTime = nanoTime;
    this.lastMinute = SeriesKey.minuteOf(clock.millis());
    this.nextPersist = nanoTime.getAsLong() + options.flushEvery().toNanos();
    this.nextRetention = nanoTime.getAsLong();
  }

  @Override
  public void write(List<MetricEvent> batch) {
    for (MetricEvent event : batch) {
      accept(event);
    }
  }

  @Override
  public void housekeep() throws SQLException {
    tickConcurrency();
    long now = nanoTime.getAsLong();
    if (now - nextPersist >= 0) {
      persist();
      nextPersist = now + options.flushEvery().toNanos();
    }
    if (now - nextRetention >= 0) {
      nextRetention = now + RETENTION_EVERY_NANOS;
      int gone = deleteExpired();
      LOG.debug("metrics retention deleted {} minutes", gone);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      persist();
    } finally {
      table.close();
    }
  }

  /** The minutes {@code from <= minute < to} of one series, stored and open. */
  NavigableMap<Long, Aggregate> read(
      String function, String version, LambdaMetric metric, long from, long to)
      throws SQLException {
    return read(MinuteTable.Grain.MINUTE, function, version, metric, from, to);
  }

  /**
   * The rows {@code from <= time < to} of one series at a grain (epoch minutes or hours), stored
   * and open (an open minute counts in its hour).
   */
  NavigableMap<Long, Aggregate> read(
      MinuteTable.Grain grain,
      String function,
      String version,
      LambdaMetric metric,
      long from,
      long to)
      throws SQLException {
    TreeMap<Long, Aggregate> out = table.read(grain, function, version, metric, from, to);
    open.forEach(
        (k, a) -> {
          long t = at(grain, k.minute());
          if (k.metric() == metric
              && k.function().equals(function)
              && k.version().equals(version)
              && t >= from
              && t < to) {
            out.computeIfAbsent(t, m -> new Aggregate()).merge(a);
          }
        });
    return out;
  }

  /**
   * One metric of every function (all versions) over {@code from <= time < to} at a grain, stored
   * and open: counts, sums, minimum and maximum (no percentiles).
   */
  Map<String, Aggregate> byFunction(
      MinuteTable.Grain grain, LambdaMetric metric, long from, long to) throws SQLException {
    Map<String, Aggregate> out = table.byFunction(grain, metric, from, to);
    open.forEach(
        (k, a) -> {
          long t = at(grain, k.minute());
          if (k.metric() == metric
              && !k.function().isEmpty()
              && k.version().isEmpty()
              && t >= from
              && t < to) {
            out.computeIfAbsent(k.function(), f -> new Aggregate()).merge(a);
          }
        });
    return out;
  }

  private static long at(MinuteTable.Grain grain, long minute) {
    return grain == MinuteTable.Grain.HOUR ? Math.floorDiv(minute, 60) : minute;
  }

  /** Every series with samples at or after {@code since}; each key's minute is its latest. */
  List<SeriesKey> series(long since) throws SQLException {
    Map<SeriesKey, Long> latest = new HashMap<>();
    for (SeriesKey k : table.series(since)) {
      latest.merge(k.at(0), k.minute(), Math::max);
    }
    open.keySet().stream()
        .filter(k -> k.minute() >= since)
        .forEach(k -> latest.merge(k.at(0), k.minute(), Math::max));
    List<SeriesKey> out = new ArrayList<>();
    latest.forEach((k, minute) -> out.add(k.at(minute)));
    return out;
  }

  /** Deletes the minutes older than the retention now; returns how many rows went. */
  int deleteExpired() throws SQLException {
    return table.deleteBefore(SeriesKey.minuteOf(clock.millis() - options.retention().toMillis()));
  }

  /** Merges the open aggregates into the database (dropping them, logged, if that fails). */
  void persist() {
    if (open.isEmpty()) {
      return;
    }
    Map<SeriesKey, Aggregate> batch = open;
    open = new HashMap<>();
    try {
      table.merge(batch);
    } catch (SQLException e) {
      LOG.warn(
          "metrics: {} minute aggregates lost, the metrics store's write failed: {}",
          batch.size(),
          e);
    }
  }

  private void accept(MetricEvent event) {
    Observations.expand(event, (k, v) -> open.computeIfAbsent(k, x -> new Aggregate()).add(v));
  }

  /** At each minute's start, records the invocations still running (long ones emit no event). */
  private void tickConcurrency() {
    long now = clock.millis();
    long minute = SeriesKey.minuteOf(now);
    if (minute == lastMinute) {
      return;
    }
    lastMinute = minute;
    Map<String, Integer> snapshot = running.get();
    int total = snapshot.values().stream().mapToInt(Integer::intValue).sum();
    snapshot.forEach(
        (function, n) -> {
          if (n > 0) {
            accept(new MetricEvent.Concurrency(function, n, total, now));
          }
        });
  }
}
