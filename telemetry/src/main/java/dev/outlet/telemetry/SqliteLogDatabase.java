package dev.outlet.telemetry;

import dev.outlet.core.LogDatabase;
import dev.outlet.core.LogDialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The log database of one machine: {@code logs.db} in a region's data folder ({@link LogSchema}).
 */
public final class SqliteLogDatabase {
  private SqliteLogDatabase() {}

  /** The SQLite file {@code logs.db} in {@code dataDir}. */
  public static LogDatabase in(java.nio.file.Path dataDir) {
    java.nio.file.Path file = LogSchema.file(dataDir);
    return new LogDatabase() {
      @Override
      public LogDialect dialect() {
        return LogDialect.SQLITE;
      }

      @Override
      public boolean shared() {
        return false;
      }

      @Override
      public Connection openWriter() throws SQLException {
        try {
          java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
          throw new SQLException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        return LogSchema.openWriter(file);
      }

      @Override
      public Connection openReader() throws SQLException {
        return LogSchema.openReader(file);
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }
}
