package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.DefinitionStore;
import dev.outlet.core.DefinitionStore.Change;
import dev.outlet.storage.DefinitionStoreContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The definition store contract on a real PostgreSQL, and what sharing adds: each opener is a node
 * with its own pool and change feed, told of the others' writes and not of its own.
 */
class PgDefinitionsTest extends DefinitionStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected DefinitionStore openStore() {
    return node("gateway");
  }

  private DefinitionStore node(String name) {
    PgDatabase db = server.pool(url, 2);
    return PgDefinitions.open(db, server.closeAfter(PgChanges.start(db)), name);
  }

  @Test
  void aNodeIsToldOfAnotherNodesWriteAndNotOfItsOwnNorOfAnotherStores() throws Exception {
    DefinitionStore other = open();
    DefinitionStore elsewhere = track(node("elsewhere"));
    AtomicInteger toldHere = new AtomicInteger();
    AtomicInteger toldThere = new AtomicInteger();
    store.onChanged(toldHere::incrementAndGet);
    other.onChanged(toldThere::incrementAndGet);

    store.write(List.of(Change.put("url", "f", "", "{\"AuthType\":\"NONE\"}")));
    Waits.until(() -> toldThere.get() == 1, Duration.ofSeconds(1));
    assertThat(other.loadAll()).hasSize(1);
    elsewhere.write(List.of(Change.put("url", "g", "", "{}")));
    Thread.sleep(300);
    assertThat(toldHere.get()).as("its own write and another store's are not news").isZero();
    assertThat(toldThere.get()).isEqualTo(1);
    assertThat(store.loadAll()).hasSize(1);
  }
}
