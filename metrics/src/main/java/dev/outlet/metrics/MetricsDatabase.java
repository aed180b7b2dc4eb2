package dev.outlet.metrics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the minute aggregates live: {@code metrics.db} on one machine, or a PostgreSQL schema the
 * nodes of a cluster share. There each node writes rows of its own (a column names the node), so no
 * two nodes ever merge into the same row, and every read sums the nodes' rows: {@code
 * GetMetricData}, {@code outlet stats} and the console give the cluster's figures on any node.
 */
public interface MetricsDatabase {
  /** Whether rows are kept per node (a shared database) rather than one per series and minute. */
  boolean perNode();

  /**
   * The name of this node's rows (any text unique to this process); unused without {@link
   * #perNode}.
   */
  String node();

  /**
   * A new connection, the tables in place (autocommit on).
   *
   * @throws SQLException if the database cannot be reached or holds a newer schema than this code
   *     knows
   */
  Connection open() throws SQLException;

  /** Where it is, for messages (never a password). */
  String describe();

  /** The SQLite file {@code metrics.db} in {@code dataDir}. */
  static MetricsDatabase sqlite(Path dataDir) {
    Path file = dataDir.resolve(MinuteStore.FILE);
    return new MetricsDatabase() {
      @Override
      public boolean perNode() {
        return false;
      }

      @Override
      public String node() {
        return "";
      }

      @Override
      public Connection open() throws SQLException {
        try {
          java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
          throw new SQLException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        return MinuteTable.openSqlite(file);
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }
}
