package dev.outlet.telemetry;

import dev.outlet.core.LogDatabase;
import dev.outlet.core.LogSink;
import dev.outlet.core.writer.DurableWriter;
import dev.outlet.core.writer.WriterClosedException;
import dev.outlet.core.writer.WriterOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store of CloudWatch-style log events: on one machine in its own SQLite file {@code
 * <dataDir>/logs.db}, so that log writes never contend with control-plane writes; in a cluster in
 * the region's PostgreSQL schema, so that every node reads every node's logs ({@link LogDatabase}).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>{@link #append} never waits for I/O: it allocates one record and puts it in a bounded queue
 *       (bytes and count, see {@link LogStoreOptions}) under a lock held for a few field updates.
 *       Any number of threads may append.
 *   <li>Under overload the queue drops its <em>oldest</em> unstored events, counts them in {@link
 *       #droppedEvents()}, and the writer stores one notice per gap in each stream that lost some:
 *       {@code [outlet] N log lines dropped: the log store could not keep up} (or, for lines a
 *       failed write lost, {@code ... could not write them (its database failed; see Outlet's
 *       log)}).
 *   <li>One daemon thread, {@code outlet-log-writer} (a {@link DurableWriter}), owns the write
 *       connection: it stores events in batched transactions, lingering {@link
 *       LogStoreOptions#linger()} for a partial batch (WAL, {@code synchronous=NORMAL}: a process
 *       crash loses nothing committed), creates their groups and streams on the way, splits
 *       messages over 262,118 UTF-8 bytes into consecutive events as CloudWatch does, and every
 *       {@link LogStoreOptions#retentionInterval()} deletes events past their group's retention. A
 *       batch that fails to commit is dropped (and announced) rather than retried.
 *   <li>Queries are blocking (run them off event loops) and thread-safe; they use their own
 *       read-only connection and see every event stored before they start, in {@code (timestamp,
 *       id)} order. Event ids are unique and never reused.
 *   <li>{@link #flush()} returns once everything appended before it is stored or dropped; {@link
 *       #close()} flushes, stops the writer and closes the database. Appends after close are
 *       counted as dropped; other calls after close throw {@link LogStoreException}.
 * </ol>
 *
 * <p>Database failures surface as {@link LogStoreException}.
 */
public final class LogStore implements LogSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LogStore.class);
  private static final String THREAD = "outlet-log-writer";

  private final DurableWriter<LogItem> writer;
  private final LogBatches batches;
  private final LogQueries queries;
  private final LogStoreOptions options;
  private final LogTail tail;

  /** In a cluster, what feeds the tail from the shared database; null on one machine. */
  private final LogFollower follower;

  private volatile boolean closed;

  private LogStore(
      DurableWriter<LogItem> writer,
      LogBatches batches,
      LogQueries queries,
      LogStoreOptions options,
      LogTail tail,
      LogFollower follower) {
    this.tail = tail;
    this.follower = follower;
    this.writer = writer;
    this.batches = batches;
    this.queries = queries;
    this.options = options;
  }

  /** Opens (creating if needed) {@code <dataDir>/logs.db} with the default options. */
  public static LogStore open(Path dataDir) {
    return open(dataDir, LogStoreOptions.defaults());
  }

  /**
   * Opens (creating if needed) {@code <dataDir>/logs.db} and starts its writer.
   *
   * @throws LogStoreException if the directory or database cannot be opened, or the database has a
   *     schema newer than this code knows
   */
  public static LogStore open(Path dataDir, LogStoreOptions options) {
    return open(SqliteLogDatabase.in(dataDir), options);
  }

  /**
   * Opens the store in {@code database} (a SQLite file, or a PostgreSQL schema the nodes of a
   * cluster share) and starts its writer.
   *
   * @throws LogStoreException if the database cannot be opened, or has a schema newer than this
   *     code knows
   */
  public static LogStore open(LogDatabase database, LogStoreOptions options) {
    LogBatches batches = null;
    try {
      LogQueue queue = new LogQueue(options.maxQueueEvents(), options.maxQueueBytes());
      WriterOptions writing =
          WriterOptions.of(THREAD, LogSchema.FILE_NAME, options.maxBatchEvents())
              .withLinger(options.linger())
              .withIdleWake(min(Duration.ofSeconds(1), options.retentionInterval()));
      batches = new LogBatches(database, queue, options, writing.nanoTime());
      LogQueries queries = new LogQueries(database);
      DurableWriter<LogItem> writer = DurableWriter.start(writing, queue, batches);
      LogTail tail = new LogTail();
      LogFollower follower =
          database.shared() ? new LogFollower(queries, tail, System::nanoTime) : null;
      return new LogStore(writer, batches, queries, options, tail, follower);
    } catch (SQLException e) {
      closeQuietly(batches);
      throw new LogStoreException(
          "cannot open log store " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void append(String group, String stream, long timestampMillis, String message) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(stream, "stream");
    String text = message == null ? "" : message;
    writer.offer(new PendingEvent(group, stream, timestampMillis, text));
    if (follower == null) {
      tail.publish(group, stream, timestampMillis, text);
    }
  }

  /**
   * The live tail of every event appended or stored from now on: on one machine as it is appended;
   * in a cluster every node's, within a second of being stored.
   */
  public LogTail tail() {
    return tail;
  }

  /**
   * Events lost so far: dropped under overload, lost to a failed write, or appended after close.
   */
  public long droppedEvents() {
    return writer.dropped();
  }

  /**
   * Blocks until every event appended before this call is stored (or dropped).
   *
   * @throws LogStoreException if the writer has stopped
   */
  public void flush() {
    try {
      writer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogStoreException("interrupted while flushing the log store", e);
    } catch (WriterClosedException e) {
      throw new LogStoreException("the log writer has stopped", e);
    }
  }

  /**
   * Events of {@code group} with {@code startInclusive <= timestamp < endExclusive}, ordered by
   * {@code (timestamp, id)}, strictly after {@code after}.
   *
   * @param streams only these streams, or null for all
   * @param streamPrefix only streams whose name starts with it, or null for all
   * @param after the {@link LogEvent#cursor()} of the last event of the previous page, or null
   * @param limit the most events returned, at least 1
   */
  public List<LogEvent> events(
      String group,
      List<String> streams,
      String streamPrefix,
      long startInclusive,
      long endExclusive,
      Cursor after,
      int limit) {
    return queries.events(group, streams, streamPrefix, startInclusive, endExclusive, after, limit);
  }

  /**
   * Events of one stream with {@code startInclusive <= timestamp < endExclusive}. Forward: the
   * first {@code limit} events after {@code after} (null: from the oldest). Backward: the last
   * {@code limit} events before {@code after} (null: up to the newest). Either way the page is
   * ordered by {@code (timestamp, id)} ascending.
   */
  public List<LogEvent> streamEvents(
      String group,
      String stream,
      long startInclusive,
      long endExclusive,
      Cursor after,
      boolean forward,
      int limit) {
    return queries.streamEvents(group, stream, startInclusive, endExclusive, after, forward, limit);
  }

  /** The streams of {@code group}, by name; empty if the group does not exist. */
  public List<LogStream> streams(String group) {
    return queries.streams(group);
  }

  /** All log groups, by name. */
  public List<LogGroup> groups() {
    return queries.groups();
  }

  public Optional<LogGroup> group(String name) {
    return queries.group(name);
  }

  /**
   * Keeps {@code group}'s events {@code days} days (by event timestamp), or forever with null.
   * Applies to events appended before this call too.
   *
   * @return false if the group does not exist
   */
  public boolean setRetention(String group, Integer days) {
    if (days != null && days < 1) {
      throw new IllegalArgumentException("retention must be at least one day: " + days);
    }
    return call((c, d) -> Retention.set(c, group, days));
  }

  /**
   * Deletes the events whose timestamp is older than their group's retention at {@code nowMillis}.
   * The writer also runs this by itself periodically.
   *
   * @return how many events were deleted
   */
  public int deleteExpired(long nowMillis) {
    return call((c, d) -> Retention.deleteExpired(c, nowMillis, d));
  }

  /**
   * Creates an empty log group (streams and events appended to it later create it too).
   *
   * @return false if the group already exists
   */
  public boolean createGroup(String name) {
    Objects.requireNonNull(name, "name");
    return call((c, d) -> LogAdmin.createGroup(c, name, now()));
  }

  /**
   * Deletes a log group with its streams and events, after storing what was appended before. Events
   * appended to it afterwards create it again.
   *
   * @return false if the group does not exist
   */
  public boolean deleteGroup(String name) {
    Objects.requireNonNull(name, "name");
    return call((c, d) -> LogAdmin.deleteGroup(c, name));
  }

  /** Creates an empty stream in an existing group; see {@link LogStream#hasEvents()}. */
  public StreamCreation createStream(String group, String stream) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(stream, "stream");
    return call((c, d) -> LogAdmin.createStream(c, group, stream, now()));
  }

  /**
   * Stores {@code entries} in {@code group}/{@code stream} (created if needed) in one transaction,
   * bypassing the bounded queue: unlike {@link #append} it is never dropped under overload, and it
   * returns once committed. For API writes that are acknowledged to a client.
   *
   * @throws LogStoreException if the write fails or the store is closed
   */
  public void store(String group, String stream, List<LogEntry> entries) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(stream, "stream");
    List<PendingEvent> events =
        entries.stream()
            .map(e -> new PendingEvent(group, stream, e.timestamp(), e.message()))
            .toList();
    if (!events.isEmpty()) {
      call((c, d) -> LogAdmin.store(c, events, now(), d));
      if (follower == null) {
        events.forEach(e -> tail.publish(group, stream, e.timestamp(), e.message()));
      }
    }
  }

  /** Flushes, stops the writer and closes the database. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (follower != null) {
      follower.close();
    }
    try {
      writer.close(); // appends that race with it are counted as dropped, never silently lost
    } finally {
      try {
        queries.close();
      } catch (SQLException e) {
        log.warn("could not close the log store's read connection", e);
      }
    }
  }

  /** The store's clock, for ingestion and creation times of work run by {@link #call}. */
  private long now() {
    return options.clock().millis();
  }

  /**
   * Runs {@code work} on the writer thread after every event appended so far, and waits for it.
   *
   * @throws LogStoreException if the work fails or the store is closed
   */
  private <T> T call(LogBatches.Work<T> work) {
    try {
      return writer.submit(() -> batches.call(work)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WriterClosedException) {
        throw new LogStoreException("the log store is closed", cause);
      }
      if (cause instanceof LogStoreException lse) {
        throw lse;
      }
      throw new LogStoreException("log store write failed: " + cause, cause);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void closeQuietly(LogBatches b) {
    if (b != null) {
      try {
        b.close();
      } catch (SQLException e) {
        log.debug("close after failed open", e);
      }
    }
  }
}
