package dev.outlet.telemetry;

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
 * What the log store's {@link dev.outlet.core.writer.DurableWriter} writes into: logs.db's write
 * connection. Confined to the writer thread.
 *
 * <ol>
 *   <li>A batch (drop notices, then events) is one transaction ({@link BatchInserter}).
 *   <li>A batch that fails is rolled back; its events count as dropped and, unless the store is
 *       closing, are announced by a notice in their streams with the next batch.
 *   <li>Every {@link LogStoreOptions#retentionInterval()} it deletes the events past their group's
 *       retention.
 * </ol>
 */
final class LogBatches implements BatchSink<LogItem> {

  private static final Logger log = LoggerFactory.getLogger(LogBatches.class);

  private final Connection connection;
  private final BatchInserter inserter;
  private final LogQueue queue;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long retentionNanos;
  private long nextRetention;

  LogBatches(Connection connection, LogQueue queue, LogStoreOptions options, LongSupplier nanoTime)
      throws SQLException {
    this.connection = connection;
    this.inserter = new BatchInserter(connection);
    this.queue = queue;
    this.clock = options.clock();
    this.nanoTime = nanoTime;
    this.retentionNanos = options.retentionInterval().toNanos();
    this.nextRetention = nanoTime.getAsLong() + retentionNanos;
  }

  @Override
  public void write(List<LogItem> batch) throws SQLException {
    inserter.write(batch, clock.millis());
  }

  @Override
  public void rollback() throws SQLException {
    inserter.rollback();
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
          gaps.computeIfAbsent(e.key(), k -> new Gap()).add(1, e.timestamp());
          events++;
        }
        case DropNotice n ->
            gaps.computeIfAbsent(n.key(), k -> new Gap()).add(n.count(), n.timestamp());
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
      int deleted = Retention.deleteExpired(connection, clock.millis());
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
    try {
      inserter.close();
    } finally {
      connection.close();
    }
  }
}
