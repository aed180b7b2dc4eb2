package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.DocumentStore;
import dev.outlet.storage.DocumentStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The document store contract on a real PostgreSQL, and what sharing adds: each opener is a node
 * with its own pool and change feed, and sees the others' writes shortly after they commit, also
 * after the database crashed and came back.
 */
class PgDocumentsTest extends DocumentStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private final List<AutoCloseable> nodes = new ArrayList<>();
  private String url;

  @AfterEach
  void stopNodes() throws Exception {
    for (AutoCloseable n : nodes.reversed()) {
      n.close();
    }
  }

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected DocumentStore openStore() {
    return node("tags");
  }

  /** One node's store named {@code store}: its own pool and change feed. */
  private DocumentStore node(String store) {
    PgDatabase db = PgDatabase.open(PostgresUrl.parse(url), 2);
    PgChanges changes = PgChanges.start(db);
    nodes.add(db);
    nodes.add(changes);
    return PgDocuments.open(db, changes, store);
  }

  @Test
  void aWriteOnOneNodeIsReadOnAnotherWithinASecond() {
    DocumentStore other = open();
    store.put("f", "", "{\"Tags\":{\"team\":\"a\"}}");
    await(() -> other.get("f", "").isPresent(), Duration.ofSeconds(1));
    other.deleteOwner("f");
    await(() -> store.all("f").isEmpty(), Duration.ofSeconds(1));
  }

  @Test
  void storesOfDifferentNamesShareTheTableButNotTheirDocuments() {
    DocumentStore layers = node("layers");
    store.put("f", "", "tags");
    layers.put("f", "", "layers");
    assertThat(store.get("f", "")).contains("tags");
    assertThat(layers.get("f", "")).contains("layers");
  }

  @Test
  void aNodeCatchesUpOnWhatItMissedWhileTheDatabaseWasAway() throws Exception {
    DocumentStore other = open();
    // a row no notification announces: only the reload after the feed's reconnection can show it
    PostgresUrl address = PostgresUrl.parse(url);
    try (Connection c = DriverManager.getConnection(address.jdbcUrl(), address.user(), "");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO documents VALUES ('tags', 'quiet', '', 'unannounced')");
    }
    Thread.sleep(300);
    assertThat(other.get("quiet", "")).as("no notification, no reload yet").isEmpty();

    server.crashAndRestart();
    await(() -> other.get("quiet", "").isPresent(), Duration.ofSeconds(15));
    // and the database takes writes again, which the other node sees
    await(
        () -> {
          try {
            store.put("f", "", "after");
            return true;
          } catch (RuntimeException stillDown) {
            return false;
          }
        },
        Duration.ofSeconds(20));
    await(() -> other.get("f", "").isPresent(), Duration.ofSeconds(2));
  }

  private static void await(BooleanSupplier done, Duration within) {
    long until = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within " + within).isLessThan(until);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
