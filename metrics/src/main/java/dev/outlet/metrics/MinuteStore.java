package dev.outlet.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-minute aggregates of every {@link LambdaMetric}, durable in {@code <dataDir>/metrics.db}.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>{@link #offer} never waits: it puts the event in a bounded queue; when the queue is full
 *       the event is dropped and counted in {@link #dropped()}.
 *   <li>One daemon thread, {@code outlet-metrics-writer}, owns the database connection and the
 *       in-memory aggregates not yet stored: it folds events into per-(series, minute) aggregates,
 *       merges them into the database every {@link Options#flushEvery()} (so a {@code kill -9}
 *       loses at most that much), and once an hour deletes minutes older than {@link
 *       Options#retention()}. A batch that fails to commit is logged and dropped, not retried.
 *   <li>Queries run on that thread too, after it has taken in every event offered before them: a
 *       query sees the database and the current, still open minute. They return futures that the
 *       writer completes (exceptionally with {@link MetricsStoreException} on a database error).
 *   <li>{@link #close()} stores everything offered before it and closes the database; events
 *       offered after it are dropped, queries after it fail.
 * </ol>
 */
public final class MinuteStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MinuteStore.class);
  private static final Object WAKE = new Object();
  private static final long LINGER_MILLIS = 10;

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

  /** Work run on the writer thread with the table. */
  private interface Work<T> {
    T run(MinuteTable table) throws SQLException;
  }

  private final MinuteTable table;
  private final InstantSource clock;
  private final Options options;
  private final Supplier<Map<String, Integer>> running;
  private final BlockingQueue<Object> events;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean stopping;

  // Owned by the writer thread.
  private Map<SeriesKey, Aggregate> open = new HashMap<>();
  private long lastMinute;

  private MinuteStore(
      MinuteTable table,
      InstantSource clock,
      Options options,
      Supplier<Map<String, Integer>> running) {
    this.table = table;
    this.clock = clock;
    this.options = options;
    this.running = running;
    this.events = new ArrayBlockingQueue<>(options.queueCapacity());
    this.lastMinute = SeriesKey.minuteOf(clock.millis());
    this.writer = Thread.ofPlatform().name("outlet-metrics-writer").daemon().unstarted(this::run);
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
    Path file = dataDir.resolve("metrics.db");
    try {
      Files.createDirectories(dataDir);
      MinuteStore store = new MinuteStore(MinuteTable.open(file), clock, options, running);
      store.writer.start();
      return store;
    } catch (java.io.IOException | SQLException e) {
      throw new MetricsStoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Hands an event to the writer; false (and counted) when the queue is full or closed. */
  boolean offer(MetricEvent event) {
    if (stopping || !events.offer(event)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Events dropped because the writer could not keep up, or offered after close. */
  public long dropped() {
    return dropped.get();
  }

  /** The minutes {@code from <= minute < to} (epoch minutes) of one series that hold samples. */
  public CompletableFuture<NavigableMap<Long, Aggregate>> read(
      String function, String version, LambdaMetric metric, long from, long to) {
    return call(
        t -> {
          TreeMap<Long, Aggregate> out = t.read(function, version, metric, from, to);
          open.forEach(
              (k, a) -> {
                if (k.metric() == metric
                    && k.function().equals(function)
                    && k.version().equals(version)
                    && k.minute() >= from
                    && k.minute() < to) {
                  out.computeIfAbsent(k.minute(), m -> new Aggregate()).merge(a);
                }
              });
          return out;
        });
  }

  /** Every series with samples at or after {@code since}; each key's minute is its latest. */
  public CompletableFuture<List<SeriesKey>> series(long since) {
    return call(
        t -> {
          Map<SeriesKey, Long> latest = new HashMap<>();
          for (SeriesKey k : t.series(since)) {
            latest.merge(k.at(0), k.minute(), Math::max);
          }
          open.keySet().stream()
              .filter(k -> k.minute() >= since)
              .forEach(k -> latest.merge(k.at(0), k.minute(), Math::max));
          List<SeriesKey> out = new ArrayList<>();
          latest.forEach((k, minute) -> out.add(k.at(minute)));
          return out;
        });
  }

  /** Blocks until everything offered before this call is in the database. */
  public void flush() {
    call(t -> {
          persist();
          return null;
        })
        .join();
  }

  /** Deletes the minutes older than the retention now; returns how many rows went. */
  public CompletableFuture<Integer> deleteExpired() {
    return call(t -> t.deleteBefore(retainedFrom()));
  }

  private <T> CompletableFuture<T> call(Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (stopping) {
      result.completeExceptionally(new MetricsStoreException("the metrics store is closed", null));
      return result;
    }
    Runnable task =
        () -> {
          drainEvents();
          try {
            result.complete(work.run(table));
          } catch (SQLException | RuntimeException e) {
            result.completeExceptionally(
                new MetricsStoreException("metrics query failed: " + e.getMessage(), e));
          }
        };
    tasks.add(task);
    events.offer(WAKE); // when full, the writer is busy and will reach the task anyway
    if (!writer.isAlive() && tasks.remove(task)) { // lost a race with close
      result.completeExceptionally(new MetricsStoreException("the metrics store is closed", null));
    }
    return result;
  }

  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    events.offer(WAKE);
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextFlush = System.nanoTime() + options.flushEvery().toNanos();
    long nextRetention = 0;
    while (!stopping) {
      try {
        Object first = events.poll(250, TimeUnit.MILLISECONDS);
        if (first != null) {
          accept(first);
          drainEvents();
        }
        runTasks();
        tickConcurrency();
        if (System.nanoTime() - nextFlush >= 0) {
          persist();
          nextFlush = System.nanoTime() + options.flushEvery().toNanos();
        }
        if (System.nanoTime() - nextRetention >= 0) {
          int gone = table.deleteBefore(retainedFrom());
          LOG.debug("metrics retention deleted {} minutes", gone);
          nextRetention = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        }
        if (first != null && tasks.isEmpty()) {
          // Under a steady stream of invocations, gather for a moment rather than wake per event.
          Thread.sleep(LINGER_MILLIS);
        }
      } catch (InterruptedException e) {
        break;
      } catch (SQLException | RuntimeException e) {
        LOG.warn("metrics writer: {}", e.toString());
      }
    }
    drainEvents();
    runTasks();
    persist();
    Runnable late;
    while ((late = tasks.poll()) != null) {
      late.run(); // answered from the closing state, then the table closes
    }
    try {
      table.close();
    } catch (SQLException e) {
      LOG.warn("could not close metrics.db", e);
    }
  }

  private long retainedFrom() {
    return SeriesKey.minuteOf(clock.millis() - options.retention().toMillis());
  }

  private void drainEvents() {
    Object e;
    while ((e = events.poll()) != null) {
      accept(e);
    }
  }

  private void accept(Object o) {
    if (o instanceof MetricEvent event) {
      Observations.expand(event, (k, v) -> open.computeIfAbsent(k, x -> new Aggregate()).add(v));
    }
  }

  private void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      t.run();
    }
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

  private void persist() {
    if (open.isEmpty()) {
      return;
    }
    Map<SeriesKey, Aggregate> batch = open;
    open = new HashMap<>();
    try {
      table.merge(batch);
    } catch (SQLException e) {
      LOG.warn("metrics: {} minute aggregates lost, metrics.db write failed: {}", batch.size(), e);
    }
  }
}
