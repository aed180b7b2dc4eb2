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

  static final int VERSION = 2;

  /**
   * Version 2: events name their group and stream by integer id, not by text. Both indexes of
   * {@code log_events} then hold 8-byte keys instead of the names (~70 bytes a row twice), which
   * made storing an event ~1/3 cheaper when many sandboxes write at once (64 streams: 22.5 against
   * 15 us of CPU per invocation's three lines, measured; see docs/architecture.md, "Where an
   * invoke's CPU goes"). Group and stream ids are never reused (AUTOINCREMENT), so an id the writer
   * remembers from before a group was deleted can never name another stream.
   */
  private static final String[] V2 = {
    """
    CREATE TABLE log_groups(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      creation_time INTEGER NOT NULL,
      retention_days INTEGER NULL
    )""",
    """
    CREATE TABLE log_streams(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_name TEXT NOT NULL,
      name TEXT NOT NULL,
      creation_time INTEGER NOT NULL,
      first_event_ts INTEGER NOT NULL,
      last_event_ts INTEGER NOT NULL,
      last_ingestion_time INTEGER NOT NULL,
      stored_bytes INTEGER NOT NULL,
      UNIQUE(group_name, name)
    )""",
    """
    CREATE TABLE log_events(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_id INTEGER NOT NULL,
      stream_id INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      ingestion_time INTEGER NOT NULL,
      message TEXT NOT NULL
    )""",
    "CREATE INDEX log_events_by_group ON log_events(group_id, ts, id)",
    "CREATE INDEX log_events_by_stream ON log_events(stream_id, ts, id)",
  };

  /** Version 1 (text names in every event) to 2, in one transaction, keeping every event id. */
  private static final String[] V1_TO_V2 = {
    "DROP INDEX log_events_by_group",
    "DROP INDEX log_events_by_stream",
    "ALTER TABLE log_events RENAME TO log_events_v1",
    "ALTER TABLE log_streams RENAME TO log_streams_v1",
    "ALTER TABLE log_groups RENAME TO log_groups_v1",
    V2[0],
    V2[1],
    V2[2],
    """
    INSERT INTO log_groups(name, creation_time, retention_days)
    SELECT name, creation_time, retention_days FROM log_groups_v1 ORDER BY name""",
    """
    INSERT INTO log_groups(name, creation_time)
    SELECT group_name, min(ts) FROM log_events_v1
    WHERE group_name NOT IN (SELECT name FROM log_groups) GROUP BY group_name""",
    """
    INSERT INTO log_streams(group_name, name, creation_time, first_event_ts, last_event_ts,
        last_ingestion_time, stored_bytes)
    SELECT group_name, name, creation_time, first_event_ts, last_event_ts, last_ingestion_time,
        stored_bytes
    FROM log_streams_v1 ORDER BY group_name, name""",
    """
    INSERT INTO log_streams(group_name, name, creation_time, first_event_ts, last_event_ts,
        last_ingestion_time, stored_bytes)
    SELECT e.group_name, e.stream_name, min(e.ts), min(e.ts), max(e.ts), max(e.ingestion_time),
        sum(length(CAST(e.message AS BLOB)))
    FROM log_events_v1 e
    WHERE NOT EXISTS (SELECT 1 FROM log_streams s
        WHERE s.group_name = e.group_name AND s.name = e.stream_name)
    GROUP BY e.group_name, e.stream_name""",
    """
    INSERT INTO log_events(id, group_id, stream_id, ts, ingestion_time, message)
    SELECT e.id, g.id, s.id, e.ts, e.ingestion_time, e.message
    FROM log_events_v1 e
    JOIN log_groups g ON g.name = e.group_name
    JOIN log_streams s ON s.group_name = e.group_name AND s.name = e.stream_name
    ORDER BY e.id""",
    "DROP TABLE log_events_v1",
    "DROP TABLE log_streams_v1",
    "DROP TABLE log_groups_v1",
    V2[3],
    V2[4],
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
    String[] steps =
        switch (version) {
          case 0 -> V2;
          case 1 -> V1_TO_V2;
          default ->
              throw new SQLException(
                  "logs.db has schema version " + version + ", this Outlet knows up to " + VERSION);
        };
    c.setAutoCommit(false);
    try {
      for (String ddl : steps) {
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
