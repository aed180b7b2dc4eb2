package dev.outlet.postgres;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalPostgres} for a test class: started before its tests, stopped after them; the
 * class is skipped, saying why, where PostgreSQL is not installed. Register it as a static field
 * with {@code @RegisterExtension}.
 */
final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
  private LocalPostgres server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Assumptions.assumeTrue(LocalPostgres.binaries().isPresent(), LocalPostgres.MISSING);
    server = LocalPostgres.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The address of a new, empty database. */
  String newDatabase() throws Exception {
    return server.newDatabase();
  }

  void crashAndRestart() throws Exception {
    server.crashAndRestart();
  }
}
