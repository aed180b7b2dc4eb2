package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.DocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link DocumentStore}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module). A subclass gives a fresh empty store per test; a second
 * {@link #open} is another opener of the same store (a restart).
 */
public abstract class DocumentStoreContract {
  protected DocumentStore documents;
  private final List<DocumentStore> opened = new ArrayList<>();

  /** Makes the empty store this test uses. */
  protected abstract void freshStore() throws Exception;

  /** A store over this test's storage. */
  protected abstract DocumentStore openStore();

  @BeforeEach
  protected void openTheStore() throws Exception {
    freshStore();
    documents = open();
  }

  @AfterEach
  protected void closeEverything() {
    opened.forEach(DocumentStore::close);
    opened.clear();
  }

  protected final DocumentStore open() {
    DocumentStore d = openStore();
    opened.add(d);
    return d;
  }

  @Test
  public void aWriteIsReadBackAtOnceAndAfterReopening() {
    documents.put("f", "", "{\"a\":1}");
    documents.put("f", "live", "{\"b\":2}");
    documents.put("g", "", "{}");
    assertThat(documents.get("f", "live")).contains("{\"b\":2}");

    DocumentStore again = open();
    assertThat(again.all("f"))
        .containsExactly(Map.entry("", "{\"a\":1}"), Map.entry("live", "{\"b\":2}"));
    assertThat(again.everything()).containsOnlyKeys("f", "g");
  }

  @Test
  public void aPutReplacesTheDocumentOfItsOwnerAndKey() {
    documents.put("f", "k", "one");
    documents.put("f", "k", "two");
    assertThat(documents.all("f")).containsExactly(Map.entry("k", "two"));
  }

  @Test
  public void deletesTakeOneDocumentOrAllOfAnOwner() {
    documents.put("f", "a", "1");
    documents.put("f", "b", "2");
    documents.put("g", "a", "3");
    documents.delete("f", "a");
    assertThat(documents.get("f", "a")).isEmpty();
    assertThat(documents.get("f", "b")).contains("2");
    documents.deleteOwner("f");
    assertThat(documents.all("f")).isEmpty();
    assertThat(documents.everything()).containsOnlyKeys("g");
    documents.delete("nobody", "nothing");
  }

  @Test
  public void whatReadsReturnCannotBeChangedByTheCaller() {
    documents.put("f", "a", "1");
    Map<String, String> read = documents.all("f");
    assertThatThrownBy(() -> read.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> documents.everything().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  public void aReadTakenBeforeAWriteDoesNotChangeUnderTheReader() {
    documents.put("f", "a", "1");
    Map<String, String> before = documents.all("f");
    documents.put("f", "b", "2");
    assertThat(before).containsOnlyKeys("a");
    assertThat(documents.all("f")).containsOnlyKeys("a", "b");
  }
}
