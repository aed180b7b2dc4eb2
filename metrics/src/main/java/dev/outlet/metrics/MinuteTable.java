package dev.outlet.metrics;

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
 * The table of minute aggregates in {@code metrics.db}: one row per (function, version, metric,
 * minute), versioned with {@code PRAGMA user_version}. WAL with {@code synchronous=NORMAL}: a
 * process crash loses nothing committed.
 *
 * <p>Not thread-safe: used only by the metrics writer thread, which owns the connection.
 */
final class MinuteTable implements AutoCloseable {
  static final int VERSION = 1;

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

  private final Connection c;

  private MinuteTable(Connection c) {
    this.c = c;
  }

  /**
   * Opens (creating if needed) the database file.
   *
   * @throws SQLException if it cannot be opened or holds a newer schema
   */
  static MinuteTable open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      int version;
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version == 0) {
        c.setAutoCommit(false);
        for (String ddl : V1) {
          s.execute(ddl);
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
    return new MinuteTable(c);
  }

  /**
   * Adds {@code deltas} to the stored rows (merging with rows already there), in one transaction.
   */
  void merge(Map<SeriesKey, Aggregate> deltas) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT samples, sum, min, max, sketch FROM minutes"
                    + " WHERE function = ? AND version = ? AND metric = ? AND minute = ?");
        PreparedStatement write =
            c.prepareStatement(
                "INSERT OR REPLACE INTO minutes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<SeriesKey, Aggregate> e : deltas.entrySet()) {
        SeriesKey k = e.getKey();
        bindKey(read, k);
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
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The stored minutes of one series with {@code from <= minute < to}, by minute. */
  TreeMap<Long, Aggregate> read(String function, String version, LambdaMetric m, long from, long to)
      throws SQLException {
    TreeMap<Long, Aggregate> out = new TreeMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT minute, samples, sum, min, max, sketch FROM minutes WHERE function = ?"
                + " AND version = ? AND metric = ? AND minute >= ? AND minute < ?")) {
      q.setString(1, function);
      q.setString(2, version);
      q.setString(3, m.cloudWatchName());
      q.setLong(4, from);
      q.setLong(5, to);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), row(rs));
        }
      }
    }
    return out;
  }

  /**
   * One metric of every function (all versions) over {@code from <= minute < to}, merged per
   * function.
   */
  Map<String, Aggregate> byFunction(LambdaMetric m, long from, long to) throws SQLException {
    Map<String, Aggregate> out = new HashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT function, samples, sum, min, max, sketch FROM minutes INDEXED BY"
                + " minutes_by_minute WHERE minute >= ? AND minute < ? AND metric = ?"
                + " AND version = '' AND function <> ''")) {
      q.setLong(1, from);
      q.setLong(2, to);
      q.setString(3, m.cloudWatchName());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), f -> new Aggregate()).merge(row(rs));
        }
      }
    }
    return out;
  }

  /** Every stored series with a minute at or after {@code since}; {@code minute} is its latest. */
  List<SeriesKey> series(long since) throws SQLException {
    List<SeriesKey> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT function, version, metric, MAX(minute) FROM minutes WHERE minute >= ?"
                + " GROUP BY function, version, metric")) {
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
  }

  /** Deletes every minute before {@code minute}; returns how many rows went. */
  int deleteBefore(long minute) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM minutes WHERE minute < ?")) {
      d.setLong(1, minute);
      return d.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
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
