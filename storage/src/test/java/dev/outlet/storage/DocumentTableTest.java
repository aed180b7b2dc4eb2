package dev.outlet.storage;

import dev.outlet.core.DocumentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The document store contract on one SQLite file. */
class DocumentTableTest extends DocumentStoreContract {
  @TempDir Path dir;

  @Override
  protected void freshStore() {
    // the test's own temporary folder
  }

  @Override
  protected DocumentStore openStore() {
    return DocumentTable.open(dir.resolve("documents.db"));
  }
}
