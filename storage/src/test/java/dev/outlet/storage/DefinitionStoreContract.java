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

  @Test
  public void aCreateOfADocumentThatExistsFailsTheWholeWrite() {
    store.write(List.of(Change.create("bus", "", "orders", "{\"n\":1}")));
    List<Change> again =
        List.of(
            Change.put("rule", "orders", "r1", "{}"),
            Change.create("bus", "", "orders", "{\"n\":2}"));

    assertThatThrownBy(() -> store.write(again))
        .isInstanceOf(DefinitionStore.Exists.class)
        .satisfies(e -> assertThat(((DefinitionStore.Exists) e).change()).isEqualTo(again.get(1)));
    assertThat(store.loadAll()).containsExactly(new Doc("bus", "", "orders", "{\"n\":1}"));
    store.write(List.of(Change.delete("bus", "", "orders")));
    store.write(List.of(Change.create("bus", "", "orders", "{\"n\":3}")));
    assertThat(open().loadAll()).containsExactly(new Doc("bus", "", "orders", "{\"n\":3}"));
  }

  @Test
  public void ofOpenersRacingToCreateOneDocumentExactlyOneWins() throws Exception {
    List<DefinitionStore> openers = List.of(store, open(), open());
    for (int round = 0; round < 5; round++) {
      String id = "bus-" + round;
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Boolean>> tries = new java.util.ArrayList<>();
      try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < openers.size(); i++) {
          DefinitionStore opener = openers.get(i);
          String json = "{\"by\":" + i + "}";
          tries.add(
              threads.submit(
                  () -> {
                    go.await();
                    try {
                      opener.write(List.of(Change.create("bus", "", id, json)));
                      return true;
                    } catch (DefinitionStore.Exists lost) {
                      return false;
                    }
                  }));
        }
        go.countDown();
      }
      int won = 0;
      for (var t : tries) {
        won += t.get() ? 1 : 0;
      }
      assertThat(won).as("winners of round %d", round).isEqualTo(1);
    }
    assertThat(open().loadAll()).hasSize(5);
  }
}
