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
 *   <li>A {@link Change#create} of a document that exists (another node made it first) fails the
 *       whole write with {@link Exists}: of openers racing to create one document, one wins.
 *   <li>Blocking: called from virtual threads (control planes), never an event loop.
 * </ol>
 */
public interface DefinitionStore extends AutoCloseable {
  /**
   * A stored document: its kind ({@code api}, {@code routes}, {@code url}), parent, id and JSON.
   */
  record Doc(String kind, String parent, String id, String json) {}

  /**
   * One change of a {@link #write}: a put ({@code json} non-null) or a delete ({@code json} null);
   * a put that is {@code fresh} must not find the document.
   */
  record Change(String kind, String parent, String id, String json, boolean fresh) {
    public static Change put(String kind, String parent, String id, String json) {
      return new Change(kind, parent, id, json, false);
    }

    /** A put of a document that must not exist yet, else the write fails with {@link Exists}. */
    public static Change create(String kind, String parent, String id, String json) {
      return new Change(kind, parent, id, json, true);
    }

    public static Change delete(String kind, String parent, String id) {
      return new Change(kind, parent, id, null, false);
    }
  }

  /** A {@link Change#create} found its document stored: nothing of the write was applied. */
  final class Exists extends RuntimeException {
    private final transient Change change;

    public Exists(Change change) {
      super("definition " + change.kind() + " " + change.parent() + "/" + change.id() + " exists");
      this.change = change;
    }

    /** The create that found its document. */
    public Change change() {
      return change;
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
