package dev.outlet.telemetry;

import dev.outlet.core.LogDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one batch of events in one transaction: the drop notices first, then the events (split to
 * CloudWatch's event size), with their groups and streams created or updated alongside.
 *
 * <p>Confined to the writer thread, like the connection it prepares its statements on. After a
 * failed batch the writer calls {@link #rollback()}; the inserter stays usable.
 */
final class BatchInserter implements AutoCloseable {

  /** How many streams' ids are remembered (a stream per sandbox: thousands at most). */
  private static final int MAX_CACHED_STREAMS = 4096;

  /** Streams in one order in every batch, so two nodes' batches never wait on each other. */
  private static final java.util.Comparator<StreamKey> ORDER =
      java.util.Comparator.comparing(StreamKey::group).thenComparing(StreamKey::stream);

  private final Connection connection;
  private final LogDialect dialect;
  private final PreparedStatement insertGroup;
  private final PreparedStatement upsertStream;
  private final PreparedStatement updateStream;
  private final PreparedStatement streamIds;
  private final PreparedStatement insertEvent;

  /**
   * The ids of streams written before. Never trusted blindly: each batch first updates a cached
   * stream's row by its id, and an id whose row is gone (its group was deleted) is looked up again;
   * ids are never reused (AUTOINCREMENT), and a rollback forgets them all.
   */
  private final Map<StreamKey, long[]> ids = new HashMap<>();

  BatchInserter(Connection connection, LogDialect dialect) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    String least = dialect.least();
    String greatest = dialect.greatest();
    connection.setAutoCommit(false);
    insertGroup =
        connection.prepareStatement(
            "INSERT INTO log_groups(name, creation_time) VALUES(?, ?) ON CONFLICT DO NOTHING");
    upsertStream =
        connection.prepareStatement(
            """
            INSERT INTO log_streams(group_name, name, creation_time, first_event_ts,
                last_event_ts, last_ingestion_time, stored_bytes)
            VALUES(?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(group_name, name) DO UPDATE SET
              first_event_ts = %s(log_streams.first_event_ts, excluded.first_event_ts),
              last_event_ts = %s(log_streams.last_event_ts, excluded.last_event_ts),
              last_ingestion_time = excluded.last_ingestion_time,
              stored_bytes = log_streams.stored_bytes + excluded.stored_bytes"""
                .formatted(least, greatest));
    updateStream =
        connection.prepareStatement(
            """
            UPDATE log_streams SET
              first_event_ts = %s(first_event_ts, ?),
              last_event_ts = %s(last_event_ts, ?),
              last_ingestion_time = ?,
              stored_bytes = stored_bytes + ?
            WHERE id = ?"""
                .formatted(least, greatest));
    streamIds =
        connection.prepareStatement(
            """
            SELECT g.id, s.id FROM log_streams s JOIN log_groups g ON g.name = s.group_name
            WHERE s.group_name = ? AND s.name = ?""");
    insertEvent =
        connection.prepareStatement(
            """
            INSERT INTO log_events(group_id, stream_id, ts, ingestion_time, message)
            VALUES(?, ?, ?, ?, ?)""");
  }

  /** Stores {@code items} (drop notices, events) in order, all ingested at {@code now}. */
  void write(List<? extends LogItem> items, long now) throws SQLException {
    Map<StreamKey, StreamStats> streams = new java.util.TreeMap<>(ORDER);
    List<Row> rows = new ArrayList<>(items.size());
    for (LogItem item : items) {
      switch (item) {
        case DropNotice n -> rows.add(row(n.key(), n.timestamp(), n.message(), streams));
        case PendingEvent e -> {
          for (String piece : Utf8.split(e.message(), Utf8.MAX_EVENT_BYTES)) {
            rows.add(row(e.key(), e.timestamp(), piece, streams));
          }
        }
      }
    }
    Map<StreamKey, long[]> batchIds = new HashMap<>();
    for (Map.Entry<StreamKey, StreamStats> s : streams.entrySet()) {
      batchIds.put(s.getKey(), streamIds(s.getKey(), s.getValue(), now));
    }
    for (Row r : rows) {
      long[] id = batchIds.get(r.key());
      insertEvent.setLong(1, id[0]);
      insertEvent.setLong(2, id[1]);
      insertEvent.setLong(3, r.timestamp());
      insertEvent.setLong(4, now);
      insertEvent.setString(5, dialect.storable(r.message()));
      insertEvent.addBatch();
    }
    insertEvent.executeBatch();
    connection.commit();
  }

  /** Forgets what a failed {@link #write} queued and rolls its transaction back. */
  void rollback() throws SQLException {
    ids.clear(); // ids handed out by the rolled-back transaction are handed out again
    insertEvent.clearBatch();
    insertGroup.clearBatch();
    upsertStream.clearBatch();
    connection.rollback();
  }

  /**
   * The group's and stream's ids, the stream's row updated with this batch's figures (or created
   * with them, and its group with it).
   */
  private long[] streamIds(StreamKey key, StreamStats stats, long now) throws SQLException {
    long[] cached = ids.get(key);
    if (cached != null) {
      updateStream.setLong(1, stats.first);
      updateStream.setLong(2, stats.last);
      updateStream.setLong(3, now);
      updateStream.setLong(4, stats.bytes);
      updateStream.setLong(5, cached[1]);
      if (updateStream.executeUpdate() == 1) {
        return cached;
      }
      ids.remove(key);
    }
    insertGroup.setString(1, key.group());
    insertGroup.setLong(2, now);
    insertGroup.executeUpdate();
    upsertStream.setString(1, key.group());
    upsertStream.setString(2, key.stream());
    upsertStream.setLong(3, now);
    upsertStream.setLong(4, stats.first);
    upsertStream.setLong(5, stats.last);
    upsertStream.setLong(6, now);
    upsertStream.setLong(7, stats.bytes);
    upsertStream.executeUpdate();
    streamIds.setString(1, key.group());
    streamIds.setString(2, key.stream());
    long[] found;
    try (ResultSet rs = streamIds.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("log stream " + key + " was not stored");
      }
      found = new long[] {rs.getLong(1), rs.getLong(2)};
    }
    if (ids.size() >= MAX_CACHED_STREAMS) {
      ids.clear();
    }
    ids.put(key, found);
    return found;
  }

  /** One event to store, in the batch's order. */
  private record Row(StreamKey key, long timestamp, String message) {}

  private static Row row(
      StreamKey key, long ts, String message, Map<StreamKey, StreamStats> streams) {
    streams.computeIfAbsent(key, k -> new StreamStats(ts)).add(ts, Utf8.length(message));
    return new Row(key, ts, message);
  }

  @Override
  public void close() throws SQLException {
    insertGroup.close();
    upsertStream.close();
    updateStream.close();
    streamIds.close();
    insertEvent.close();
  }

  private static final class StreamStats {
    long first;
    long last;
    long bytes;

    StreamStats(long ts) {
      first = ts;
      last = ts;
    }

    void add(long ts, long size) {
      first = Math.min(first, ts);
      last = Math.max(last, ts);
      bytes += size;
    }
  }
}
