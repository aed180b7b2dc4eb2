package dev.outlet.metrics;

import dev.outlet.core.MetricsDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The minute store's contract on SQLite's file, the embedded default. */
class SqliteMinuteStoreTest extends MinuteStoreContract {
  @TempDir Path dir;

  @Override
  protected void freshDatabase() {}

  @Override
  protected MetricsDatabase database() {
    return SqliteMetricsDatabase.in(dir);
  }
}
