package dev.outlet.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Copies the rows of one machine's SQLite tables into the PostgreSQL tables of the same names
 * (stores whose two engines run the same statements: identities, the registry's tables, the
 * queues): the columns both have, in the source's row order, each row the target does not hold yet
 * (by its keys), so a copy run again adds nothing.
 */
final class TableCopy {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final int BATCH = 500;

  private TableCopy() {}

  /** The tables of a SQLite database, sorted, SQLite's own left out. */
  static List<String> tables(Connection sqlite) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  /**
   * Copies {@code table} from {@code from} into {@code to} (in {@code to}'s transaction, which the
   * caller commits): how many rows were added.
   */
  static int copy(Connection from, Connection to, String table) throws SQLException {
    if (!NAME.matcher(table).matches()) {
      throw new SQLException("unexpected table name " + table);
    }
    List<String> columns = sourceColumns(from, table);
    columns.retainAll(targetColumns(to, table));
    if (columns.isEmpty()) {
      return 0;
    }
    String list = String.join(", ", columns);
    String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    int added = 0;
    try (Statement read = from.createStatement();
        ResultSet rows =
            read.executeQuery("SELECT " + list + " FROM " + table + " ORDER BY rowid");
        PreparedStatement write =
            to.prepareStatement(
                "INSERT INTO "
                    + table
                    + " ("
                    + list
                    + ") VALUES ("
                    + marks
                    + ") ON CONFLICT DO NOTHING")) {
      int pending = 0;
      while (rows.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          write.setObject(i, rows.getObject(i));
        }
        write.addBatch();
        if (++pending == BATCH) {
          added += sum(write.executeBatch());
          pending = 0;
        }
      }
      if (pending > 0) {
        added += sum(write.executeBatch());
      }
    }
    return added;
  }

  /** The columns of SQLite's {@code table}, in their order. */
  private static List<String> sourceColumns(Connection sqlite, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (r.next()) {
        out.add(r.getString("name"));
      }
    }
    return out;
  }

  /**
   * The columns of {@code table} in the target's current schema (none when it has no such table).
   */
  private static Set<String> targetColumns(Connection db, String table) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    String escape = db.getMetaData().getSearchStringEscape();
    String pattern = escape == null ? table : table.replace("_", escape + "_");
    String schema = db.getSchema();
    try (ResultSet r = db.getMetaData().getColumns(null, schema, pattern, null)) {
      while (r.next()) {
        out.add(r.getString("COLUMN_NAME"));
      }
    }
    return out;
  }

  private static int sum(int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += Math.max(c, 0);
    }
    return n;
  }
}
