package dev.outlet.telemetry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema of {@code logs.db}, versioned with {@code PRAGMA user_version}, and the connection
 * settings every connection to it uses. Stateless.
 */
final class LogSchema {

  static final int VERSION = 1;

  private static final String[] V1 = {
    """
    CREATE TABLE log_groups(
      name TEXT PRIMARY KEY,
      creation_time INTEGER NOT NULL,
      retention_days INTEGER NULL
    ) WITHOUT ROWID""",
    """
    CREATE TABLE log_streams(
      group_name TEXT NOT NULL,
      name TEXT NOT NULL,
      creation_time INTEGER NOT NULL,
      first_event_ts INTEGER NOT NULL,
      last_event_ts INTEGER NOT NULL,
      last_ingestion_time INTEGER NOT NULL,
      stored_bytes INTEGER NOT NULL,
      PRIMARY KEY(group_name, name)
    ) WITHOUT ROWID""",
    """
    CREATE TABLE log_events(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_name TEXT NOT NULL,
      stream_name TEXT NOT NULL,
      ts INTEGER NOT NULL,
      ingestion_time INTEGER NOT NULL,
      message TEXT NOT NULL
    )""",
    "CREATE INDEX log_events_by_group ON log_events(group_name, ts, id)",
    "CREATE INDEX log_events_by_stream ON log_events(group_name, stream_name, ts, id)",
  };

  static final String FILE_NAME = "logs.db";

  private LogSchema() {}

  /** The database file of the store in {@code dataDir}. */
  static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /**
   * Opens the write connection: WAL, {@code synchronous=NORMAL} (a process crash loses nothing
   * committed, a power cut may lose the last transactions: acceptable for logs), and the schema
   * created or checked.
   *
   * @throws SQLException if the file cannot be opened or holds a newer schema
   */
  static Connection openWriter(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      // Before the first table exists, so that retention can give space back.
      s.execute("PRAGMA auto_vacuum = INCREMENTAL");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      migrate(c, s);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Opens a connection that can only read; WAL lets it read while the writer writes. */
  static Connection openReader(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA query_only = 1");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static void migrate(Connection c, Statement s) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version == VERSION) {
      return;
    }
    if (version != 0) {
      throw new SQLException(
          "logs.db has schema version " + version + ", this Outlet knows up to " + VERSION);
    }
    c.setAutoCommit(false);
    try {
      for (String ddl : V1) {
        s.execute(ddl);
      }
      s.execute("PRAGMA user_version = " + VERSION);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
