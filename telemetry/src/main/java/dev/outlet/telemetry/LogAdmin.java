package dev.outlet.telemetry;

import dev.outlet.core.LogDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The API's explicit changes to groups and streams, and its events that must not be dropped.
 * Stateless SQL over the writer's connection (autocommit off), run on the writer thread only.
 *
 * <p>A stream created empty has {@code first_event_ts = Long.MAX_VALUE} and {@code last_event_ts =
 * Long.MIN_VALUE}, so the writer's {@code min}/{@code max} upsert fills them with its first event.
 */
final class LogAdmin {

  private LogAdmin() {}

  /** Inserts an empty group; false if it exists. */
  static boolean createGroup(Connection c, String name, long now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO log_groups(name, creation_time) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, name);
      s.setLong(2, now);
      int inserted = s.executeUpdate();
      c.commit();
      return inserted > 0;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  /** Deletes a group, its streams and its events (the events in chunks); false if absent. */
  static boolean deleteGroup(Connection c, String name) throws SQLException {
    try {
      if (!exists(c, "SELECT 1 FROM log_groups WHERE name = ?", name)) {
        c.commit();
        return false;
      }
      try (PreparedStatement delete =
          c.prepareStatement(
              """
              DELETE FROM log_events WHERE id IN (
                SELECT id FROM log_events
                WHERE group_id = (SELECT id FROM log_groups WHERE name = ?) LIMIT ?)""")) {
        int n;
        do {
          delete.setString(1, name);
          delete.setInt(2, Retention.CHUNK);
          n = delete.executeUpdate();
          c.commit();
        } while (n == Retention.CHUNK);
      }
      for (String sql :
          List.of(
              "DELETE FROM log_streams WHERE group_name = ?",
              "DELETE FROM log_groups WHERE name = ?")) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, name);
          s.executeUpdate();
        }
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  /** Inserts an empty stream into an existing group. */
  static StreamCreation createStream(Connection c, String group, String stream, long now)
      throws SQLException {
    try {
      if (!exists(c, "SELECT 1 FROM log_groups WHERE name = ?", group)) {
        c.commit();
        return StreamCreation.NO_GROUP;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              """
              INSERT INTO log_streams(group_name, name, creation_time, first_event_ts,
                  last_event_ts, last_ingestion_time, stored_bytes)
              VALUES(?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING""")) {
        s.setString(1, group);
        s.setString(2, stream);
        s.setLong(3, now);
        s.setLong(4, Long.MAX_VALUE);
        s.setLong(5, Long.MIN_VALUE);
        int inserted = s.executeUpdate();
        c.commit();
        return inserted > 0 ? StreamCreation.CREATED : StreamCreation.EXISTS;
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  /** Stores {@code events} in one transaction, split to CloudWatch's event size. */
  static int store(Connection c, List<PendingEvent> events, long now, LogDialect dialect)
      throws SQLException {
    try (BatchInserter inserter = new BatchInserter(c, dialect)) {
      try {
        inserter.write(events, now);
      } catch (SQLException | RuntimeException e) {
        inserter.rollback();
        throw e;
      }
    }
    return events.size();
  }

  private static boolean exists(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
