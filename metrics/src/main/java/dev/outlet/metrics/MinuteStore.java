package dev.outlet.metrics;

import dev.outlet.core.MetricsDatabase;
import dev.outlet.core.writer.DurableWriter;
import dev.outlet.core.writer.WriteQueue;
import dev.outlet.core.writer.WriterClosedException;
import dev.outlet.core.writer.WriterOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One-minute aggregates of every {@link LambdaMetric}, durable in {@code <dataDir>/metrics.db}, or
 * in a cluster in the PostgreSQL schema its nodes share ({@link MetricsDatabase}).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>{@link #offer} never waits: it puts the event in a bounded queue; when the queue is full
 *       the event is dropped and counted in {@link #dropped()}.
 *   <li>One daemon thread, {@code outlet-metrics-writer} (a {@link DurableWriter}), owns the
 *       database connection and the in-memory aggregates not yet stored ({@link MinuteAggregates}):
 *       it folds events into per-(series, minute) aggregates, merges them into the database every
 *       {@link Options#flushEvery()} (so a {@code kill -9} loses at most that much), and once an
 *       hour deletes minutes older than {@link Options#retention()}. A batch that fails to commit
 *       is logged and dropped, not retried.
 *   <li>Queries run on that thread too, after it has taken in every event offered before them: a
 *       query sees the database and the current, still open minute. They return futures that the
 *       writer completes (exceptionally with {@link MetricsStoreException} on a database error).
 *   <li>{@link #close()} stores everything offered before it and closes the database; events
 *       offered after it are dropped, queries after it fail ({@code metrics.db is closed}).
 * </ol>
 */
public final class MinuteStore implements AutoCloseable {
  static final String FILE = "metrics.db";
  private static final int MAX_BATCH = 4_096;

  /**
   * @param queueCapacity events held for the writer before new ones are dropped
   * @param flushEvery how often open aggregates are merged into the database
   * @param retention how long minutes are kept
   */
  public record Options(int queueCapacity, Duration flushEvery, Duration retention) {
    public static Options defaults() {
      return new Options(65_536, Duration.ofSeconds(5), Duration.ofDays(15));
    }
  }

  /** Work run on the writer thread with the aggregates. */
  private interface Work<T> {
    T run(MinuteAggregates aggregates) throws SQLException;
  }

  private final MinuteAggregates aggregates;
  private final DurableWriter<MetricEvent> writer;

  private MinuteStore(MinuteAggregates aggregates, DurableWriter<MetricEvent> writer) {
    this.aggregates = aggregates;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) {@code <dataDir>/metrics.db} and starts the writer.
   *
   * @param running the invocations running now per function, sampled at each minute's start so that
   *     ConcurrentExecutions shows long invocations
   * @throws MetricsStoreException if the database cannot be opened
   */
  public static MinuteStore open(
      Path dataDir, InstantSource clock, Supplier<Map<String, Integer>> running, Options options) {
    return open(SqliteMetricsDatabase.in(dataDir), clock, running, options);
  }

  /**
   * Opens the aggregates in {@code database} (a SQLite file, or a PostgreSQL schema the nodes of a
   * cluster share) and starts the writer.
   *
   * @throws MetricsStoreException if the database cannot be opened
   */
  public static MinuteStore open(
      MetricsDatabase database,
      InstantSource clock,
      Supplier<Map<String, Integer>> running,
      Options options) {
    try {
      // Under a steady stream of invocations, gather for a moment rather than wake per event;
      // the wake-up at least every 250 ms notices each minute's start in time.
      WriterOptions writing =
          WriterOptions.of("outlet-metrics-writer", FILE, MAX_BATCH)
              .withLinger(Duration.ofMillis(10))
              .withIdleWake(Duration.ofMillis(250));
      MinuteAggregates aggregates =
          new MinuteAggregates(
              MinuteTable.open(database), clock, options, running, writing.nanoTime());
      WriteQueue<MetricEvent> queue = WriteQueue.bounded(options.queueCapacity());
      return new MinuteStore(aggregates, DurableWriter.start(writing, queue, aggregates));
    } catch (SQLException e) {
      throw new MetricsStoreException(
          "cannot open " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  /** Hands an event to the writer; false (and counted) when the queue is full or closed. */
  boolean offer(MetricEvent event) {
    return writer.offer(event);
  }

  /** Events dropped because the writer could not keep up, or offered after close. */
  public long dropped() {
    return writer.dropped();
  }

  /** The minutes {@code from <= minute < to} (epoch minutes) of one series that hold samples. */
  public CompletableFuture<NavigableMap<Long, Aggregate>> read(
      String function, String version, LambdaMetric metric, long from, long to) {
    return call(a -> a.read(function, version, metric, from, to));
  }

  /**
   * The hours {@code from <= hour < to} (epoch hours) of one series: the minutes rolled up, for
   * windows of days.
   */
  public CompletableFuture<NavigableMap<Long, Aggregate>> readHours(
      String function, String version, LambdaMetric metric, long from, long to) {
    return call(a -> a.read(MinuteTable.Grain.HOUR, function, version, metric, from, to));
  }

  /**
   * One metric of every function (all versions), by function: counts, sums, minimum and maximum (no
   * percentiles), over {@code from <= time < to} in epoch hours when {@code hours}, else in epoch
   * minutes.
   */
  public CompletableFuture<Map<String, Aggregate>> byFunction(
      LambdaMetric metric, long from, long to, boolean hours) {
    return call(
        a ->
            a.byFunction(
                hours ? MinuteTable.Grain.HOUR : MinuteTable.Grain.MINUTE, metric, from, to));
  }

  /** Every series with samples at or after {@code since}; each key's minute is its latest. */
  public CompletableFuture<List<SeriesKey>> series(long since) {
    return call(a -> a.series(since));
  }

  /** Blocks until everything offered before this call is in the database. */
  public void flush() {
    try {
      call(a -> {
            a.persist();
            return null;
          })
          .join();
    } catch (CompletionException e) {
      throw (MetricsStoreException) e.getCause();
    }
  }

  /** Deletes the minutes older than the retention now; returns how many rows went. */
  public CompletableFuture<Integer> deleteExpired() {
    return call(MinuteAggregates::deleteExpired);
  }

  private <T> CompletableFuture<T> call(Work<T> work) {
    return writer
        .submit(() -> work.run(aggregates))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(mapped(e)));
  }

  private static MetricsStoreException mapped(Throwable e) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    if (cause instanceof WriterClosedException closed) {
      return new MetricsStoreException(closed.getMessage(), closed);
    }
    return new MetricsStoreException("metrics query failed: " + cause.getMessage(), cause);
  }

  /** Stores everything offered before it and closes the database. Idempotent. */
  @Override
  public void close() {
    writer.close();
  }
}
