package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.DocumentStore;
import dev.outlet.storage.DocumentStoreContract;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The document store contract on a real PostgreSQL, and what sharing adds: each opener is a node
 * with its own pool and change feed, and sees the others' writes shortly after they commit, also
 * after the database crashed and came back.
 */
class PgDocumentsTest extends DocumentStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;

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
    PgDatabase db = server.pool(url, 2);
    return PgDocuments.open(db, server.closeAfter(PgChanges.start(db)), store);
  }

  @Test
  void aWriteOnOneNodeIsReadOnAnotherWithinASecond() {
    DocumentStore other = open();
    store.put("f", "", "{\"Tags\":{\"team\":\"a\"}}");
    Waits.until(() -> other.get("f", "").isPresent(), Duration.ofSeconds(1));
    other.deleteOwner("f");
    Waits.until(() -> store.all("f").isEmpty(), Duration.ofSeconds(1));
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
    try (Connection c = PostgresServer.admin(url);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO documents VALUES ('tags', 'quiet', '', 'unannounced')");
    }
    Thread.sleep(300);
    assertThat(other.get("quiet", "")).as("no notification, no reload yet").isEmpty();

    server.crashAndRestart();
    Waits.until(() -> other.get("quiet", "").isPresent(), Duration.ofSeconds(15));
    // and the database takes writes again, which the other node sees
    Waits.until(
        () -> {
          try {
            store.put("f", "", "after");
            return true;
          } catch (RuntimeException stillDown) {
            return false;
          }
        },
        Duration.ofSeconds(20));
    Waits.until(() -> other.get("f", "").isPresent(), Duration.ofSeconds(2));
  }
}
