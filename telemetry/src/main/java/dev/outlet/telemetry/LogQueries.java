package dev.outlet.telemetry;

import dev.outlet.core.LogDatabase;
import dev.outlet.core.SqlConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read side of the store: queries on their own connection, which SQLite's WAL (or PostgreSQL)
 * lets run while the writer commits. One query at a time (a lock guards the connection); each sees
 * the events committed when it starts. A connection found broken after a failed query is closed,
 * and the next query opens another.
 */
final class LogQueries implements AutoCloseable {

  private static final String EVENT_COLUMNS =
      """
      SELECT e.id, g.name, s.name, e.ts, e.ingestion_time, e.message FROM log_events e
      JOIN log_groups g ON g.id = e.group_id JOIN log_streams s ON s.id = e.stream_id\s""";

  private static final String GROUP_COLUMNS =
      """
      SELECT g.name, g.creation_time, g.retention_days,
        (SELECT coalesce(sum(s.stored_bytes), 0) FROM log_streams s WHERE s.group_name = g.name)
      FROM log_groups g\s""";

  private final ReentrantLock lock = new ReentrantLock();
  private final LogDatabase database;
  private Connection connection; // null after it broke, until the next query
  private boolean closed;

  /** Opens the read connection: a database that cannot be read fails the store's open. */
  LogQueries(LogDatabase database) throws SQLException {
    this.database = database;
    this.connection = database.openReader();
  }

  List<LogEvent> events(
      String group,
      List<String> streams,
      String streamPrefix,
      long startInclusive,
      long endExclusive,
      Cursor after,
      int limit) {
    checkLimit(limit);
    if (streams != null && streams.isEmpty()) {
      return List.of();
    }
    Cursor from = after == null ? Cursor.HEAD : after;
    StringBuilder sql = new StringBuilder(EVENT_COLUMNS);
    sql.append(
        "WHERE e.group_id = (SELECT id FROM log_groups WHERE name = ?)"
            + " AND e.ts >= ? AND e.ts < ? AND (e.ts, e.id) > (?, ?)");
    if (streams != null) {
      sql.append(" AND s.name IN (?").append(", ?".repeat(streams.size() - 1)).append(')');
    }
    if (streamPrefix != null) {
      sql.append(" AND substr(s.name, 1, length(?)) = ?");
    }
    sql.append(" ORDER BY e.ts, e.id LIMIT ?");
    return query(
        sql.toString(),
        s -> {
          int i = 1;
          s.setString(i++, group);
          s.setLong(i++, startInclusive);
          s.setLong(i++, endExclusive);
          s.setLong(i++, from.timestamp());
          s.setLong(i++, from.id());
          if (streams != null) {
            for (String stream : streams) {
              s.setString(i++, stream);
            }
          }
          if (streamPrefix != null) {
            s.setString(i++, streamPrefix);
            s.setString(i++, streamPrefix);
          }
          s.setInt(i, limit);
        },
        LogQueries::event);
  }

  List<LogEvent> streamEvents(
      String group,
      String stream,
      long startInclusive,
      long endExclusive,
      Cursor after,
      boolean forward,
      int limit) {
    checkLimit(limit);
    Cursor from = after != null ? after : forward ? Cursor.HEAD : Cursor.TAIL;
    String sql =
        EVENT_COLUMNS
            + "WHERE e.stream_id = (SELECT id FROM log_streams WHERE group_name = ? AND name = ?)"
            + " AND e.ts >= ? AND e.ts < ? AND (e.ts, e.id) "
            + (forward ? "> (?, ?) ORDER BY e.ts, e.id" : "< (?, ?) ORDER BY e.ts DESC, e.id DESC")
            + " LIMIT ?";
    List<LogEvent> events =
        query(
            sql,
            s -> {
              s.setString(1, group);
              s.setString(2, stream);
              s.setLong(3, startInclusive);
              s.setLong(4, endExclusive);
              s.setLong(5, from.timestamp());
              s.setLong(6, from.id());
              s.setInt(7, limit);
            },
            LogQueries::event);
    if (!forward) {
      Collections.reverse(events);
    }
    return events;
  }

  /**
   * The events of {@code groups} with an id above {@code afterId}, by id (the order a database
   * hands ids out, not the order their transactions commit in).
   */
  List<LogEvent> since(long afterId, java.util.Collection<String> groups, int limit) {
    checkLimit(limit);
    if (groups.isEmpty()) {
      return List.of();
    }
    String sql =
        EVENT_COLUMNS
            + "WHERE e.id > ? AND g.name IN (?"
            + ", ?".repeat(groups.size() - 1)
            + ") ORDER BY e.id LIMIT ?";
    return query(
        sql,
        s -> {
          int i = 1;
          s.setLong(i++, afterId);
          for (String group : groups) {
            s.setString(i++, group);
          }
          s.setInt(i, limit);
        },
        LogQueries::event);
  }

  /** The highest event id stored, or 0. */
  long lastId() {
    return query("SELECT coalesce(max(id), 0) FROM log_events", s -> {}, rs -> rs.getLong(1))
        .getFirst();
  }

  List<LogStream> streams(String group) {
    return query(
        """
        SELECT group_name, name, creation_time, first_event_ts, last_event_ts,
          last_ingestion_time, stored_bytes
        FROM log_streams WHERE group_name = ? ORDER BY name""",
        s -> s.setString(1, group),
        rs ->
            new LogStream(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7)));
  }

  List<LogGroup> groups() {
    return query(GROUP_COLUMNS + "ORDER BY g.name", s -> {}, LogQueries::group);
  }

  Optional<LogGroup> group(String name) {
    return query(GROUP_COLUMNS + "WHERE g.name = ?", s -> s.setString(1, name), LogQueries::group)
        .stream()
        .findFirst();
  }

  private static LogEvent event(ResultSet rs) throws SQLException {
    return new LogEvent(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getString(6));
  }

  private static LogGroup group(ResultSet rs) throws SQLException {
    int days = rs.getInt(3);
    Integer retention = rs.wasNull() ? null : days;
    return new LogGroup(rs.getString(1), rs.getLong(2), retention, rs.getLong(4));
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    lock.lock();
    try {
      if (closed) {
        throw new LogStoreException("the log store is closed", null);
      }
      if (connection == null) {
        connection = database.openReader();
      }
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        binder.bind(s);
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
        }
        return rows;
      }
    } catch (SQLException e) {
      dropIfBroken();
      throw new LogStoreException("log query failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection if it no longer answers (under the lock). */
  private void dropIfBroken() {
    if (connection != null && SqlConnections.broken(connection)) {
      SqlConnections.closeQuietly(connection);
      connection = null;
    }
  }

  @Override
  public void close() throws SQLException {
    lock.lock();
    try {
      closed = true;
      if (connection != null) {
        connection.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
