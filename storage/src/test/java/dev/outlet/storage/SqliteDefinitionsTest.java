package dev.outlet.storage;

import dev.outlet.core.DefinitionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The definition store contract on one SQLite file. */
class SqliteDefinitionsTest extends DefinitionStoreContract {
  @TempDir Path dir;

  @Override
  protected void freshStore() {
    // the test's own temporary folder
  }

  @Override
  protected DefinitionStore openStore() {
    return SqliteDefinitions.open(dir.resolve("gateway.db"));
  }
}
