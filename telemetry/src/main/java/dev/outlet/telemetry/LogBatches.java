package dev.outlet.telemetry;

import dev.outlet.core.LogDatabase;
import dev.outlet.core.LogDialect;
import dev.outlet.core.SqlConnections;
import dev.outlet.core.writer.BatchSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the log store's {@link dev.outlet.core.writer.DurableWriter} writes into: the log database's
 * write connection. Confined to the writer thread.
 *
 * <ol>
 *   <li>A batch (drop notices, then events) is one transaction ({@link BatchInserter}).
 *   <li>A batch that fails is rolled back; its events count as dropped and, unless the store is
 *       closing, are announced by a notice in their streams with the next batch.
 *   <li>Every {@link LogStoreOptions#retentionInterval()} it deletes the events past their group's
 *       retention.
 *   <li>A connection found broken after a failure (the database restarted or out of reach) is
 *       closed, and the next batch opens another: the batches in between are lost and announced,
 *       and writing resumes by itself once the database answers.
 * </ol>
 */
final class LogBatches implements BatchSink<LogItem> {

  private static final Logger log = LoggerFactory.getLogger(LogBatches.class);

  /** Work on the writer's connection (autocommit off). */
  interface Work<T> {
    T run(Connection connection, LogDialect dialect) throws SQLException;
  }

  private final LogDatabase database;
  private final LogQueue queue;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long retentionNanos;
  private long nextRetention;

  /** The open connection and its statements; both null after it broke, until the next use. */
  private Connection connection;

  private BatchInserter inserter;

  /** Opens the writer's connection: a database that cannot be opened fails the store's open. */
  LogBatches(LogDatabase database, LogQueue queue, LogStoreOptions options, LongSupplier nanoTime)
      throws SQLException {
    this.database = database;
    this.queue = queue;
    this.clock = options.clock();
    this.nanoTime = nanoTime;
    this.retentionNanos = options.retentionInterval().toNanos();
    this.nextRetention = nanoTime.getAsLong() + retentionNanos;
    connect();
  }

  @Override
  public void write(List<LogItem> batch) throws SQLException {
    connect().write(batch, clock.millis());
  }

  @Override
  public void rollback() throws SQLException {
    if (inserter == null) {
      return;
    }
    try {
      inserter.rollback();
    } catch (SQLException e) {
      disconnect();
      throw e;
    }
    disconnectIfBroken();
  }

  /** Runs {@code work} on the writer's connection (the writer thread's own call). */
  <T> T call(Work<T> work) throws SQLException {
    connect();
    try {
      return work.run(connection, database.dialect());
    } catch (SQLException | RuntimeException e) {
      disconnectIfBroken();
      throw e;
    }
  }

  /**
   * Counts the batch's events as dropped; unless closing, announces them (and its notices) again.
   */
  @Override
  public long lost(List<LogItem> batch, Exception cause, boolean closing) {
    Map<StreamKey, Gap> gaps = new HashMap<>();
    long events = 0;
    for (LogItem item : batch) {
      switch (item) {
        case PendingEvent e -> {
          gaps.computeIfAbsent(e.key(), k -> new Gap()).addUnwritten(1, e.timestamp());
          events++;
        }
        case DropNotice n -> { // announced again, with the reason it had
          Gap g = gaps.computeIfAbsent(n.key(), k -> new Gap());
          g.add(n.count(), n.timestamp());
          g.unwritten |= n.unwritten();
        }
      }
    }
    queue.lost(gaps, 0, !closing);
    return events;
  }

  @Override
  public void housekeep() {
    if (nanoTime.getAsLong() - nextRetention < 0) {
      return;
    }
    try {
      int deleted = call((c, dialect) -> Retention.deleteExpired(c, clock.millis(), dialect));
      if (deleted > 0) {
        log.debug("deleted {} expired log events", deleted);
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("could not delete expired log events; will retry", e);
    }
    nextRetention = nanoTime.getAsLong() + retentionNanos;
  }

  @Override
  public void close() throws SQLException {
    disconnect();
  }

  private BatchInserter connect() throws SQLException {
    if (inserter == null) {
      Connection c = database.openWriter();
      try {
        inserter = new BatchInserter(c, database.dialect());
      } catch (SQLException e) {
        SqlConnections.closeQuietly(c);
        throw e;
      }
      connection = c;
    }
    return inserter;
  }

  private void disconnectIfBroken() {
    if (SqlConnections.broken(connection)) {
      log.warn("the log database {} is out of reach; reconnecting", database.describe());
      disconnect();
    }
  }

  private void disconnect() {
    Connection c = connection;
    BatchInserter i = inserter;
    connection = null;
    inserter = null;
    if (i != null) {
      try {
        i.close();
      } catch (SQLException e) {
        log.debug("closing the statements of a broken connection", e);
      }
    }
    SqlConnections.closeQuietly(c);
  }
}
