package dev.outlet.metrics;

import dev.outlet.core.MetricsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The metrics database of one machine: {@code metrics.db} in a region's data folder. */
public final class SqliteMetricsDatabase {
  private SqliteMetricsDatabase() {}

  /** The SQLite file {@code metrics.db} in {@code dataDir}. */
  public static MetricsDatabase in(Path dataDir) {
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
