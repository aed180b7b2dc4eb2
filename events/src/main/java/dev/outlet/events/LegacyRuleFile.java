package dev.outlet.events;

import dev.outlet.core.DefinitionStore.Change;
import dev.outlet.storage.DurableSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code events.db} of an earlier Outlet (tables of buses, rules and targets; the oldest
 * form had no buses, its rules are the default bus's) as the {@link RuleStore}'s documents, to be
 * written to its definitions once.
 */
final class LegacyRuleFile {
  static final String FILE = "events.db";

  private LegacyRuleFile() {}

  /** The documents {@code file} holds, as puts. */
  static List<Change> read(Path file) {
    Connection db = DurableSqlite.open(file, List.of());
    try (Statement s = db.createStatement()) {
      boolean buses = hasColumn(s, "rules", "bus");
      List<Change> out = new ArrayList<>();
      if (buses) {
        try (ResultSet r = s.executeQuery("SELECT name, description, created_ms FROM buses")) {
          while (r.next()) {
            out.add(
                RuleStore.busDoc(
                    new RuleStore.Bus(
                        r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)))));
          }
        }
      }
      try (ResultSet r =
          s.executeQuery(
              buses
                  ? "SELECT bus, name, expression, pattern, enabled, description, anchor_ms"
                      + " FROM rules"
                  : "SELECT 'default', name, expression, NULL, enabled, description, anchor_ms"
                      + " FROM rules")) {
        while (r.next()) {
          out.add(
              RuleStore.ruleDoc(
                  new Rule(
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getInt(5) != 0,
                      r.getString(6),
                      Instant.ofEpochMilli(r.getLong(7)),
                      List.of())));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              buses
                  ? "SELECT bus, rule, id, arn, input, input_path, input_transformer FROM targets"
                  : "SELECT 'default', rule, id, arn, input, NULL, NULL FROM targets")) {
        while (r.next()) {
          out.add(
              RuleStore.targetDoc(
                  r.getString(1),
                  r.getString(2),
                  new Rule.Target(
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      r.getString(6),
                      RuleStore.transformer(r.getString(7)))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    } finally {
      DurableSqlite.closeQuietly(db);
    }
  }

  private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
    try (ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (r.next()) {
        if (r.getString("name").equals(column)) {
          return true;
        }
      }
      return false;
    }
  }
}
