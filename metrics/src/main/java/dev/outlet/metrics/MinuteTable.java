package dev.outlet.metrics;

import dev.outlet.core.MetricsDatabase;
import dev.outlet.core.SqlConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of minute and hour aggregates: in {@code metrics.db} one row per (function, version,
 * metric, minute), versioned with {@code PRAGMA user_version}, WAL with {@code synchronous=NORMAL}
 * (a process crash loses nothing committed); in a shared database ({@link MetricsDatabase#perNode})
 * one row per node as well, which reads sum.
 *
 * <p>Not thread-safe: used only by the metrics writer thread, which owns the connection. A
 * connection found broken after a failure is closed, and the next use opens another.
 */
final class MinuteTable implements AutoCloseable {
  static final int VERSION = 2;

  private static final String[] V1 = {
    """
    CREATE TABLE minutes(
      function TEXT NOT NULL,
      version TEXT NOT NULL,
      metric TEXT NOT NULL,
      minute INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      sketch BLOB NOT NULL,
      PRIMARY KEY(function, version, metric, minute)
    ) WITHOUT ROWID""",
    "CREATE INDEX minutes_by_minute ON minutes(minute)",
  };

  /** Version 2: the same aggregates rolled up per hour, for windows of days (the console's). */
  private static final String[] V1_TO_V2 = {
    """
    CREATE TABLE hours(
      function TEXT NOT NULL,
      version TEXT NOT NULL,
      metric TEXT NOT NULL,
      hour INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      sketch BLOB NOT NULL,
      PRIMARY KEY(function, version, metric, hour)
    ) WITHOUT ROWID""",
    "CREATE INDEX hours_by_metric ON hours(metric, hour)",
  };

  private final MetricsDatabase database;
  private final Sql sql;
  private Connection c; // null after it broke, until the next use

  private MinuteTable(MetricsDatabase database, Connection c) {
    this.database = database;
    this.sql = new Sql(database.perNode());
    this.c = c;
  }

  /**
   * Opens the tables in {@code database}.
   *
   * @throws SQLException if it cannot be opened or holds a newer schema
   */
  static MinuteTable open(MetricsDatabase database) throws SQLException {
    return new MinuteTable(database, database.open());
  }

  /** Work on the connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on the connection, opened again if it broke before. */
  private <T> T using(Work<T> work) throws SQLException {
    if (c == null) {
      c = database.open();
    }
    try {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      if (SqlConnections.broken(c)) {
        SqlConnections.closeQuietly(c);
        c = null;
      }
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the SQLite file: a connection with the tables in place.
   *
   * @throws SQLException if it cannot be opened or holds a newer schema
   */
  static Connection openSqlite(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      int version;
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version == 0 || version == 1) {
        c.setAutoCommit(false);
        if (version == 0) {
          for (String ddl : V1) {
            s.execute(ddl);
          }
        }
        for (String ddl : V1_TO_V2) {
          s.execute(ddl);
        }
        if (version == 1) {
          rollUpStoredMinutes(c, new Sql(false));
        }
        s.execute("PRAGMA user_version = " + VERSION);
        c.commit();
        c.setAutoCommit(true);
      } else if (version != VERSION) {
        throw new SQLException(
            "metrics.db has schema version " + version + ", this Outlet knows up to " + VERSION);
      }
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Adds {@code deltas} to the stored minutes and to their hours (merging with rows already there),
   * in one transaction.
   */
  void merge(Map<SeriesKey, Aggregate> deltas) throws SQLException {
    using(
        c -> {
          c.setAutoCommit(false);
          try {
            upsert(c, sql, Grain.MINUTE, deltas, database.node());
            upsert(c, sql, Grain.HOUR, hoursOf(deltas), database.node());
            c.commit();
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
          return null;
        });
  }

  /**
   * The statements of one kind of database: SQLite's one row per key, or a shared database's row
   * per node (the key and this node's name), read as the sum of the nodes' rows.
   */
  private record Sql(boolean perNode) {
    String table(Grain g) {
      return perNode ? "metric_" + g.table : g.table;
    }

    String readOwn(Grain g) {
      return "SELECT samples, sum, min, max, sketch FROM "
          + table(g)
          + " WHERE function = ? AND version = ? AND metric = ? AND "
          + g.column
          + " = ?"
          + (perNode ? " AND node = ?" : "");
    }

    String write(Grain g) {
      if (!perNode) {
        return "INSERT OR REPLACE INTO " + g.table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      }
      return "INSERT INTO "
          + table(g)
          + " (function, version, metric, "
          + g.column
          + ", samples, sum, min, max, sketch, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (function, version, metric, "
          + g.column
          + ", node) DO UPDATE SET samples = excluded.samples, sum = excluded.sum,"
          + " min = excluded.min, max = excluded.max, sketch = excluded.sketch";
    }

    /** SQLite's planner is told which index serves the scan of one metric over a window. */
    String indexHint(Grain g) {
      if (perNode) {
        return "";
      }
      return g == Grain.HOUR ? " INDEXED BY hours_by_metric" : " INDEXED BY minutes_by_minute";
    }
  }

  /** The table of a grain and its time column. */
  enum Grain {
    MINUTE("minutes", "minute"),
    HOUR("hours", "hour");

    final String table;
    final String column;

    Grain(String table, String column) {
      this.table = table;
      this.column = column;
    }
  }

  /** The deltas summed per hour: each key's {@code minute} is then the epoch hour. */
  static Map<SeriesKey, Aggregate> hoursOf(Map<SeriesKey, Aggregate> minutes) {
    Map<SeriesKey, Aggregate> hours = new HashMap<>();
    minutes.forEach(
        (k, a) ->
            hours
                .computeIfAbsent(k.at(Math.floorDiv(k.minute(), 60)), h -> new Aggregate())
                .merge(a));
    return hours;
  }

  private static void upsert(
      Connection c, Sql sql, Grain g, Map<SeriesKey, Aggregate> deltas, String node)
      throws SQLException {
    try (PreparedStatement read = c.prepareStatement(sql.readOwn(g));
        PreparedStatement write = c.prepareStatement(sql.write(g))) {
      for (Map.Entry<SeriesKey, Aggregate> e : deltas.entrySet()) {
        SeriesKey k = e.getKey();
        bindKey(read, k);
        if (sql.perNode()) {
          read.setString(5, node);
          write.setString(10, node);
        }
        Aggregate total = e.getValue().copy();
        try (ResultSet rs = read.executeQuery()) {
          if (rs.next()) {
            total.merge(row(rs));
          }
        }
        bindKey(write, k);
        write.setLong(5, total.sampleCount());
        write.setDouble(6, total.sum());
        write.setDouble(7, total.minimum());
        write.setDouble(8, total.maximum());
        write.setBytes(9, total.sketch().toBytes());
        write.addBatch();
      }
      write.executeBatch();
    }
  }

  /** Schema 1 to 2: the hours of every stored minute, a series at a time. */
  private static void rollUpStoredMinutes(Connection c, Sql sql) throws SQLException {
    Map<SeriesKey, Aggregate> pending = new HashMap<>();
    try (Statement q = c.createStatement();
        ResultSet rs =
            q.executeQuery(
                "SELECT function, version, metric, minute, samples, sum, min, max, sketch"
                    + " FROM minutes")) {
      while (rs.next()) {
        LambdaMetric m = LambdaMetric.named(rs.getString(3)).orElse(null);
        if (m == null) {
          continue;
        }
        SeriesKey hour =
            new SeriesKey(rs.getString(1), rs.getString(2), m, Math.floorDiv(rs.getLong(4), 60));
        pending.computeIfAbsent(hour, h -> new Aggregate()).merge(row(rs));
        if (pending.size() >= 10_000) {
          upsert(c, sql, Grain.HOUR, pending, "");
          pending.clear();
        }
      }
    }
    upsert(c, sql, Grain.HOUR, pending, "");
  }

  /** The stored minutes of one series with {@code from <= minute < to}, by minute. */
  TreeMap<Long, Aggregate> read(String function, String version, LambdaMetric m, long from, long to)
      throws SQLException {
    return read(Grain.MINUTE, function, version, m, from, to);
  }

  /**
   * The stored rows of one series with {@code from <= time < to} at a grain, by time (the nodes'
   * rows of a time merged, in a shared database).
   */
  TreeMap<Long, Aggregate> read(
      Grain g, String function, String version, LambdaMetric m, long from, long to)
      throws SQLException {
    String query =
        "SELECT "
            + g.column
            + ", samples, sum, min, max, sketch FROM "
            + sql.table(g)
            + " WHERE function = ? AND version = ? AND metric = ? AND "
            + g.column
            + " >= ? AND "
            + g.column
            + " < ?";
    return using(
        c -> {
          TreeMap<Long, Aggregate> out = new TreeMap<>();
          try (PreparedStatement q = c.prepareStatement(query)) {
            q.setString(1, function);
            q.setString(2, version);
            q.setString(3, m.cloudWatchName());
            q.setLong(4, from);
            q.setLong(5, to);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                Aggregate row = row(rs);
                Aggregate before = out.putIfAbsent(rs.getLong(1), row);
                if (before != null) {
                  before.merge(row);
                }
              }
            }
          }
          return out;
        });
  }

  /**
   * One metric of every function (all versions) over {@code from <= time < to} at a grain, summed
   * per function in SQL: sample count, sum, minimum and maximum, without the sketch (no
   * percentile), so that days of minutes of many functions cost one aggregate query.
   */
  Map<String, Aggregate> byFunction(Grain g, LambdaMetric m, long from, long to)
      throws SQLException {
    String query =
        "SELECT function, SUM(samples), SUM(sum), MIN(min), MAX(max) FROM "
            + sql.table(g)
            + sql.indexHint(g)
            + " WHERE "
            + g.column
            + " >= ? AND "
            + g.column
            + " < ? AND metric = ? AND version = '' AND function <> '' GROUP BY function";
    return using(
        c -> {
          Map<String, Aggregate> out = new HashMap<>();
          try (PreparedStatement q = c.prepareStatement(query)) {
            q.setLong(1, from);
            q.setLong(2, to);
            q.setString(3, m.cloudWatchName());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1),
                    Aggregate.of(
                        rs.getLong(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        new Sketch()));
              }
            }
          }
          return out;
        });
  }

  /** Every stored series with a minute at or after {@code since}; {@code minute} is its latest. */
  List<SeriesKey> series(long since) throws SQLException {
    String query =
        "SELECT function, version, metric, MAX(minute) FROM "
            + sql.table(Grain.MINUTE)
            + " WHERE minute >= ? GROUP BY function, version, metric";
    return using(
        c -> {
          List<SeriesKey> out = new ArrayList<>();
          try (PreparedStatement q = c.prepareStatement(query)) {
            q.setLong(1, since);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                LambdaMetric m = LambdaMetric.named(rs.getString(3)).orElse(null);
                if (m != null) {
                  out.add(new SeriesKey(rs.getString(1), rs.getString(2), m, rs.getLong(4)));
                }
              }
            }
          }
          return out;
        });
  }

  /** Deletes every minute before {@code minute}; returns how many rows went. */
  int deleteBefore(long minute) throws SQLException {
    String minutes = "DELETE FROM " + sql.table(Grain.MINUTE) + " WHERE minute < ?";
    String hours = "DELETE FROM " + sql.table(Grain.HOUR) + " WHERE hour < ?";
    return using(
        c -> {
          try (PreparedStatement d = c.prepareStatement(minutes);
              PreparedStatement h = c.prepareStatement(hours)) {
            d.setLong(1, minute);
            h.setLong(1, Math.floorDiv(minute, 60)); // hours wholly before the cut
            int n = d.executeUpdate();
            h.executeUpdate();
            return n;
          }
        });
  }

  @Override
  public void close() throws SQLException {
    if (c != null) {
      c.close();
    }
  }

  private static void bindKey(PreparedStatement p, SeriesKey k) throws SQLException {
    p.setString(1, k.function());
    p.setString(2, k.version());
    p.setString(3, k.metric().cloudWatchName());
    p.setLong(4, k.minute());
  }

  /** The aggregate in the last five columns of the current row. */
  private static Aggregate row(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    return Aggregate.of(
        rs.getLong(n - 4),
        rs.getDouble(n - 3),
        rs.getDouble(n - 2),
        rs.getDouble(n - 1),
        Sketch.fromBytes(rs.getBytes(n)));
  }
}
