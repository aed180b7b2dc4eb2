package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.DefinitionStore;
import dev.outlet.core.DefinitionStore.Change;
import dev.outlet.core.DefinitionStore.Doc;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link DefinitionStore}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module). A second {@link #open} is another opener of the same store (a
 * restart, or another node).
 */
public abstract class DefinitionStoreContract extends StoreContract<DefinitionStore> {
  @Override
  protected void closeStore(DefinitionStore s) {
    s.close();
  }

  @Test
  public void documentsComeBackInTheOrderFirstWrittenAlsoAfterReopening() {
    store.write(List.of(Change.put("api", "", "b2", "{\"n\":1}")));
    store.write(
        List.of(
            Change.put("routes", "b2", "r9", "{\"k\":\"GET /\"}"),
            Change.put("routes", "b2", "r1", "{\"k\":\"POST /\"}")));
    store.write(List.of(Change.put("api", "", "b2", "{\"n\":2}")));

    List<Doc> expected =
        List.of(
            new Doc("api", "", "b2", "{\"n\":2}"),
            new Doc("routes", "b2", "r9", "{\"k\":\"GET /\"}"),
            new Doc("routes", "b2", "r1", "{\"k\":\"POST /\"}"));
    assertThat(store.loadAll()).as("a replaced document keeps its place").isEqualTo(expected);
    assertThat(open().loadAll()).isEqualTo(expected);
  }

  @Test
  public void aDeleteTakesOneDocumentAndADeleteOfNothingIsNoError() {
    store.write(List.of(Change.put("url", "f", "", "{}"), Change.put("url", "g", "", "{}")));
    store.write(List.of(Change.delete("url", "f", ""), Change.delete("url", "nobody", "")));
    assertThat(store.loadAll()).containsExactly(new Doc("url", "g", "", "{}"));
  }

  @Test
  public void aWriteThatFailsPartWayLeavesNothingOfIt() {
    store.write(List.of(Change.put("api", "", "a1", "{}")));
    List<Change> failing =
        List.of(
            Change.delete("api", "", "a1"),
            Change.put("routes", "a1", "r1", "{}"),
            Change.put(null, "a1", "r2", "{}")); // a kind is required: the store refuses it
    assertThatThrownBy(() -> store.write(failing)).isInstanceOf(RuntimeException.class);
    assertThat(store.loadAll()).containsExactly(new Doc("api", "", "a1", "{}"));
    assertThat(open().loadAll()).containsExactly(new Doc("api", "", "a1", "{}"));
  }
}
