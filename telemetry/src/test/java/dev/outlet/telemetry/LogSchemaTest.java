package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logs.db's schema: a version 1 file (names in every event) is migrated to version 2 (ids) with
 * every event, stream and group kept, and the writer's remembered stream ids never outlive their
 * stream.
 */
class LogSchemaTest {
  static final String GROUP = "/aws/lambda/hello";
  static final String OTHER = "/aws/lambda/other";
  static final String STREAM = "2026/04/03/[$LATEST]cd5d0140e6a448a2b1099ff2105f2c3e";
  static final long NOW = 1_775_000_000_000L;

  @TempDir Path dir;

  private LogStore open() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    return LogStore.open(dir, LogStoreOptions.defaults().withClock(clock));
  }

  /** The version 1 schema as Outlet wrote it until version 2, with a little data in it. */
  private void writeVersionOne() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + LogSchema.file(dir));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA auto_vacuum = INCREMENTAL");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute(
          "CREATE TABLE log_groups(name TEXT PRIMARY KEY, creation_time INTEGER NOT NULL,"
              + " retention_days INTEGER NULL) WITHOUT ROWID");
      s.execute(
          "CREATE TABLE log_streams(group_name TEXT NOT NULL, name TEXT NOT NULL,"
              + " creation_time INTEGER NOT NULL, first_event_ts INTEGER NOT NULL,"
              + " last_event_ts INTEGER NOT NULL, last_ingestion_time INTEGER NOT NULL,"
              + " stored_bytes INTEGER NOT NULL, PRIMARY KEY(group_name, name)) WITHOUT ROWID");
      s.execute(
          "CREATE TABLE log_events(id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " group_name TEXT NOT NULL, stream_name TEXT NOT NULL, ts INTEGER NOT NULL,"
              + " ingestion_time INTEGER NOT NULL, message TEXT NOT NULL)");
      s.execute("CREATE INDEX log_events_by_group ON log_events(group_name, ts, id)");
      s.execute("CREATE INDEX log_events_by_stream ON log_events(group_name, stream_name, ts, id)");
      s.execute("INSERT INTO log_groups VALUES('" + GROUP + "', 10, 7)");
      s.execute("INSERT INTO log_groups VALUES('/aws/lambda/empty', 11, NULL)");
      s.execute(
          "INSERT INTO log_streams VALUES('"
              + GROUP
              + "', '"
              + STREAM
              + "', 10, 100, 300,"
              + " 400, 9)");
      s.execute(
          "INSERT INTO log_streams VALUES('"
              + GROUP
              + "', 'empty-stream', 12,"
              + " 9223372036854775807, -9223372036854775808, 0, 0)");
      s.execute(
          "INSERT INTO log_events VALUES(5, '"
              + GROUP
              + "', '"
              + STREAM
              + "', 100, 400,"
              + " 'one')");
      s.execute(
          "INSERT INTO log_events VALUES(9, '"
              + GROUP
              + "', '"
              + STREAM
              + "', 300, 400,"
              + " 'three')");
      s.execute(
          "INSERT INTO log_events VALUES(7, '"
              + GROUP
              + "', '"
              + STREAM
              + "', 200, 400,"
              + " 'two')");
      s.execute("PRAGMA user_version = 1");
    }
  }

  @Test
  void aVersionOneFileIsMigratedWithEveryEventStreamAndGroup() throws SQLException {
    writeVersionOne();

    try (LogStore store = open()) {
      List<LogEvent> events = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);
      assertThat(events)
          .extracting(LogEvent::id, LogEvent::stream, LogEvent::timestamp, LogEvent::message)
          .containsExactly(
              Tuple.tuple(5L, STREAM, 100L, "one"),
              Tuple.tuple(7L, STREAM, 200L, "two"),
              Tuple.tuple(9L, STREAM, 300L, "three"));
      assertThat(store.streamEvents(GROUP, STREAM, 0, Long.MAX_VALUE, null, false, 2))
          .extracting(LogEvent::message)
          .containsExactly("two", "three");
      assertThat(store.streams(GROUP))
          .extracting(LogStream::name, LogStream::storedBytes)
          .containsExactly(Tuple.tuple(STREAM, 9L), Tuple.tuple("empty-stream", 0L));
      assertThat(store.groups())
          .extracting(LogGroup::name, LogGroup::retentionInDays)
          .containsExactly(Tuple.tuple("/aws/lambda/empty", null), Tuple.tuple(GROUP, 7));

      store.append(GROUP, STREAM, NOW, "after the migration");
      store.flush();
      List<LogEvent> after = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);
      assertThat(after).extracting(LogEvent::message).endsWith("after the migration");
      assertThat(after.get(after.size() - 1).id()).isGreaterThan(9L);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + LogSchema.file(dir));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(LogSchema.VERSION).isEqualTo(2);
    }
  }

  @Test
  void aStreamWrittenAgainAfterItsGroupWasDeletedIsStoredUnderTheNewGroup() {
    try (LogStore store = open()) {
      store.append(GROUP, STREAM, NOW, "before");
      store.append(OTHER, STREAM, NOW, "other group");
      store.flush();
      assertThat(store.deleteGroup(GROUP)).isTrue();

      store.append(GROUP, STREAM, NOW, "after");
      store.append(OTHER, "another-stream", NOW, "other group, new stream");
      store.flush();

      assertThat(store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100))
          .extracting(LogEvent::stream, LogEvent::message)
          .containsExactly(Tuple.tuple(STREAM, "after"));
      assertThat(store.events(OTHER, null, null, 0, Long.MAX_VALUE, null, 100))
          .extracting(LogEvent::stream, LogEvent::message)
          .containsExactly(
              Tuple.tuple(STREAM, "other group"),
              Tuple.tuple("another-stream", "other group, new stream"));
      assertThat(store.streams(GROUP)).extracting(LogStream::name).containsExactly(STREAM);
    }
  }
}
