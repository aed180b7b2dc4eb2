package dev.outlet.postgres;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalPostgres} for a test class: started before its tests, stopped after them; the
 * class is skipped, saying why, where PostgreSQL is not installed. What a test opens through it
 * ({@link #pool}, {@link #closeAfter}) is closed after the test, last opened first. Register it as
 * a static field with {@code @RegisterExtension}.
 */
public final class PostgresServer
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private LocalPostgres server;
  private final List<AutoCloseable> opened = new ArrayList<>();

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

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    opened.clear();
  }

  /** A node's pool of {@code connections} on the database at {@code url}, closed after the test. */
  public PgDatabase pool(String url, int connections) {
    return closeAfter(PgDatabase.open(PostgresUrl.parse(url), connections));
  }

  /** A plain connection to the database at {@code url}, to change it behind the stores' backs. */
  public static java.sql.Connection admin(String url) throws java.sql.SQLException {
    PostgresUrl address = PostgresUrl.parse(url);
    return java.sql.DriverManager.getConnection(address.jdbcUrl(), address.user(), "");
  }

  /** Closes {@code c} after the test. */
  public <T extends AutoCloseable> T closeAfter(T c) {
    opened.add(c);
    return c;
  }

  /** The address of a new, empty database. */
  public String newDatabase() throws Exception {
    return server.newDatabase();
  }

  public void crashAndRestart() throws Exception {
    server.crashAndRestart();
  }
}
