package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.DocumentStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link DocumentStore}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module). A subclass gives a fresh empty store per test; a second
 * {@link #open} is another opener of the same store (a restart).
 */
public abstract class DocumentStoreContract extends StoreContract<DocumentStore> {
  @Override
  protected void closeStore(DocumentStore s) {
    s.close();
  }

  @Test
  public void aWriteIsReadBackAtOnceAndAfterReopening() {
    store.put("f", "", "{\"a\":1}");
    store.put("f", "live", "{\"b\":2}");
    store.put("g", "", "{}");
    assertThat(store.get("f", "live")).contains("{\"b\":2}");

    DocumentStore again = open();
    assertThat(again.all("f"))
        .containsExactly(Map.entry("", "{\"a\":1}"), Map.entry("live", "{\"b\":2}"));
    assertThat(again.everything()).containsOnlyKeys("f", "g");
  }

  @Test
  public void aPutReplacesTheDocumentOfItsOwnerAndKey() {
    store.put("f", "k", "one");
    store.put("f", "k", "two");
    assertThat(store.all("f")).containsExactly(Map.entry("k", "two"));
  }

  @Test
  public void deletesTakeOneDocumentOrAllOfAnOwner() {
    store.put("f", "a", "1");
    store.put("f", "b", "2");
    store.put("g", "a", "3");
    store.delete("f", "a");
    assertThat(store.get("f", "a")).isEmpty();
    assertThat(store.get("f", "b")).contains("2");
    store.deleteOwner("f");
    assertThat(store.all("f")).isEmpty();
    assertThat(store.everything()).containsOnlyKeys("g");
    store.delete("nobody", "nothing");
  }

  @Test
  public void whatReadsReturnCannotBeChangedByTheCaller() {
    store.put("f", "a", "1");
    Map<String, String> read = store.all("f");
    assertThatThrownBy(() -> read.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.everything().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  public void aReadTakenBeforeAWriteDoesNotChangeUnderTheReader() {
    store.put("f", "a", "1");
    Map<String, String> before = store.all("f");
    store.put("f", "b", "2");
    assertThat(before).containsOnlyKeys("a");
    assertThat(store.all("f")).containsOnlyKeys("a", "b");
  }
}
