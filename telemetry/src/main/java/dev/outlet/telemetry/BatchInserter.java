package dev.outlet.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
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

  private final Connection connection;
  private final PreparedStatement insertGroup;
  private final PreparedStatement upsertStream;
  private final PreparedStatement insertEvent;

  BatchInserter(Connection connection) throws SQLException {
    this.connection = connection;
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
              first_event_ts = min(first_event_ts, excluded.first_event_ts),
              last_event_ts = max(last_event_ts, excluded.last_event_ts),
              last_ingestion_time = excluded.last_ingestion_time,
              stored_bytes = stored_bytes + excluded.stored_bytes""");
    insertEvent =
        connection.prepareStatement(
            """
            INSERT INTO log_events(group_name, stream_name, ts, ingestion_time, message)
            VALUES(?, ?, ?, ?, ?)""");
  }

  /** Stores {@code items} (drop notices, events) in order, all ingested at {@code now}. */
  void write(List<? extends LogItem> items, long now) throws SQLException {
    Map<StreamKey, StreamStats> streams = new LinkedHashMap<>();
    for (LogItem item : items) {
      switch (item) {
        case DropNotice n -> add(n.key(), n.timestamp(), n.message(), now, streams);
        case PendingEvent e -> {
          StreamKey key = e.key();
          for (String piece : Utf8.split(e.message(), Utf8.MAX_EVENT_BYTES)) {
            add(key, e.timestamp(), piece, now, streams);
          }
        }
      }
    }
    insertEvent.executeBatch();
    for (Map.Entry<StreamKey, StreamStats> s : streams.entrySet()) {
      insertGroup.setString(1, s.getKey().group());
      insertGroup.setLong(2, now);
      insertGroup.addBatch();
      StreamStats stats = s.getValue();
      upsertStream.setString(1, s.getKey().group());
      upsertStream.setString(2, s.getKey().stream());
      upsertStream.setLong(3, now);
      upsertStream.setLong(4, stats.first);
      upsertStream.setLong(5, stats.last);
      upsertStream.setLong(6, now);
      upsertStream.setLong(7, stats.bytes);
      upsertStream.addBatch();
    }
    insertGroup.executeBatch();
    upsertStream.executeBatch();
    connection.commit();
  }

  /** Forgets what a failed {@link #write} queued and rolls its transaction back. */
  void rollback() throws SQLException {
    insertEvent.clearBatch();
    insertGroup.clearBatch();
    upsertStream.clearBatch();
    connection.rollback();
  }

  private void add(
      StreamKey key, long ts, String message, long now, Map<StreamKey, StreamStats> streams)
      throws SQLException {
    insertEvent.setString(1, key.group());
    insertEvent.setString(2, key.stream());
    insertEvent.setLong(3, ts);
    insertEvent.setLong(4, now);
    insertEvent.setString(5, message);
    insertEvent.addBatch();
    streams.computeIfAbsent(key, k -> new StreamStats(ts)).add(ts, Utf8.length(message));
  }

  @Override
  public void close() throws SQLException {
    insertGroup.close();
    upsertStream.close();
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
