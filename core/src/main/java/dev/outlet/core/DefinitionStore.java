package dev.outlet.core;

import java.util.List;

/**
 * Definitions kept as JSON documents, each under a kind and a parent (an HTTP API and the routes,
 * stages and integrations under it; a function's URL), written several at a time. On one machine a
 * SQLite file; in a cluster, a table the nodes share, each node told of the others' writes.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: a {@link #write} that returns is committed (it survives {@code kill -9}), all of
 *       its changes or none of them.
 *   <li>{@link #loadAll} returns every document in the order it was first written; replacing a
 *       document keeps its place.
 *   <li>Blocking: called from virtual threads (control planes), never an event loop.
 * </ol>
 */
public interface DefinitionStore extends AutoCloseable {
  /**
   * A stored document: its kind ({@code api}, {@code routes}, {@code url}), parent, id and JSON.
   */
  record Doc(String kind, String parent, String id, String json) {}

  /**
   * One change of a {@link #write}: a put ({@code json} non-null) or a delete ({@code json} null).
   */
  record Change(String kind, String parent, String id, String json) {
    public static Change put(String kind, String parent, String id, String json) {
      return new Change(kind, parent, id, json);
    }

    public static Change delete(String kind, String parent, String id) {
      return new Change(kind, parent, id, null);
    }
  }

  /** Every document, in the order first written. */
  List<Doc> loadAll();

  /** Applies {@code changes} in one transaction. */
  void write(List<Change> changes);

  /**
   * Calls {@code reload} (on a thread of the store's) after another node wrote, and after a time in
   * which such writes may have gone unheard. Never called on one machine, where this process is the
   * only writer.
   */
  void onChanged(Runnable reload);

  /**
   * Whether other processes write these definitions too (a cluster): then what this process does
   * not know yet (a function another node just made) is no reason to delete a definition.
   */
  default boolean shared() {
    return false;
  }

  @Override
  void close();
}
