package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LogDatabase;
import dev.outlet.core.LogDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer after its connection breaks (as a database restarted under it cuts it): the batch it
 * was writing is dropped and said to be, the next batch opens another connection, and the notice
 * names a failed write, not an overload. PostgreSQL's own run is {@code PgLogStoreTest} (server);
 * here SQLite's file, its writer's connection closed under it.
 */
class LogWriterReconnectTest {
  @TempDir Path dir;

  /** SQLite's file, keeping the writer's connection so that the test can cut it. */
  private static final class Breakable implements LogDatabase {
    private final LogDatabase real;
    volatile Connection writer;

    Breakable(LogDatabase real) {
      this.real = real;
    }

    @Override
    public LogDialect dialect() {
      return real.dialect();
    }

    @Override
    public boolean shared() {
      return false;
    }

    @Override
    public Connection openWriter() throws SQLException {
      writer = real.openWriter();
      return writer;
    }

    @Override
    public Connection openReader() throws SQLException {
      return real.openReader();
    }

    @Override
    public String describe() {
      return real.describe();
    }
  }

  @Test
  void aBrokenConnectionLosesItsBatchSaysWhyAndTheNextBatchReconnects() throws Exception {
    Breakable db = new Breakable(SqliteLogDatabase.in(dir));
    try (LogStore store = LogStore.open(db, LogStoreOptions.defaults())) {
      store.append("/aws/lambda/f", "s", 1, "before");
      store.flush();
      Connection first = db.writer;
      first.close();

      store.append("/aws/lambda/f", "s", 2, "lost with its batch");
      store.flush();
      store.append("/aws/lambda/f", "s", 3, "after");
      store.flush();

      assertThat(store.droppedEvents()).isEqualTo(1);
      assertThat(db.writer).as("a new connection").isNotSameAs(first);
      List<String> stored =
          store.events("/aws/lambda/f", null, null, 0, 10, null, 10).stream()
              .map(LogEvent::message)
              .toList();
      assertThat(stored)
          .containsExactly(
              "before",
              "[outlet] 1 log lines dropped: the log store could not write them (its database"
                  + " failed; see Outlet's log)",
              "after");
    }
  }
}
