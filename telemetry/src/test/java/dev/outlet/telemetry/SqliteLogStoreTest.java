package dev.outlet.telemetry;

import dev.outlet.core.LogDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The log store's contract on SQLite's file, the embedded default. */
class SqliteLogStoreTest extends LogStoreContract {
  @TempDir Path dir;

  @Override
  protected void freshDatabase() {}

  @Override
  protected LogDatabase database() {
    return SqliteLogDatabase.in(dir);
  }
}
