package dev.outlet.telemetry;

import dev.outlet.core.LogDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention: the per-group policy and the deletion of expired events. Stateless SQL over the
 * writer's connection (autocommit off), run on the writer thread only.
 *
 * <p>Deletes go in chunks of {@value #CHUNK} events, each its own transaction, so that a large
 * expiry neither holds one huge transaction nor loses its progress on failure.
 */
final class Retention {

  static final long DAY_MILLIS = 86_400_000L;
  static final int CHUNK = 5_000;

  private Retention() {}

  /** Sets or (with null) removes {@code group}'s retention; false if the group does not exist. */
  static boolean set(Connection c, String group, Integer days) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE log_groups SET retention_days = ? WHERE name = ?")) {
      if (days == null) {
        s.setNull(1, Types.INTEGER);
      } else {
        s.setInt(1, days);
      }
      s.setString(2, group);
      int updated = s.executeUpdate();
      c.commit();
      return updated > 0;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  /** Deletes the events older than their group's retention at {@code nowMillis}; the count. */
  static int deleteExpired(Connection c, long nowMillis, LogDialect dialect) throws SQLException {
    Map<String, Long> cutoffs = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, retention_days FROM log_groups WHERE retention_days IS NOT NULL")) {
      while (rs.next()) {
        cutoffs.put(rs.getString(1), nowMillis - rs.getLong(2) * DAY_MILLIS);
      }
    }
    c.commit();
    int deleted = 0;
    try (PreparedStatement delete =
        c.prepareStatement(
            """
            DELETE FROM log_events WHERE id IN (
              SELECT id FROM log_events
              WHERE group_id = (SELECT id FROM log_groups WHERE name = ?) AND ts < ? LIMIT ?)""")) {
      for (Map.Entry<String, Long> cutoff : cutoffs.entrySet()) {
        int n;
        do {
          delete.setString(1, cutoff.getKey());
          delete.setLong(2, cutoff.getValue());
          delete.setInt(3, CHUNK);
          n = delete.executeUpdate();
          c.commit();
          deleted += n;
        } while (n == CHUNK);
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
    if (deleted > 0 && dialect.vacuumsAfterDelete()) {
      try (Statement s = c.createStatement()) {
        // Give freed pages back to the file system (auto_vacuum = INCREMENTAL).
        s.execute("PRAGMA incremental_vacuum");
      }
      c.commit();
    }
    return deleted;
  }
}
