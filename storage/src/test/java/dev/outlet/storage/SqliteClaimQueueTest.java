package dev.outlet.storage;

import dev.outlet.core.ClaimQueue;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The claim queue contract on one SQLite file. */
class SqliteClaimQueueTest extends ClaimQueueContract {
  @TempDir Path dir;

  @Override
  protected void freshStore() {
    // the test's own temporary folder
  }

  @Override
  protected ClaimQueue openStore() {
    return SqliteClaimQueue.open(dir.resolve("claims.db"));
  }
}
