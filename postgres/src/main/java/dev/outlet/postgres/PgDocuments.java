package dev.outlet.postgres;

import dev.outlet.core.DocumentStore;
import dev.outlet.storage.DocumentTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DocumentStore} on PostgreSQL: one {@code documents} table for every store of the kind
 * (tags, layers, settings, ...), each store's rows marked by its name.
 *
 * <p>Contract: a write commits, notifies the other nodes ({@code pg_notify} in the same
 * transaction) and reloads this node's snapshot before it returns; a notification from another
 * node, or a reconnection of the change feed, reloads it too. Reloads run under one lock, so a
 * later reload never installs an older snapshot than an earlier one.
 */
public final class PgDocuments implements DocumentStore {
  static final String COMPONENT = "documents";
  static final String CHANNEL = "documents";

  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE documents (store TEXT NOT NULL, owner TEXT NOT NULL, key TEXT NOT NULL,"
                  + " document TEXT NOT NULL, PRIMARY KEY (store, owner, key))"));

  private final PgDatabase db;
  private final String store;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Map<String, Map<String, String>> snapshot = Map.of();

  private PgDocuments(PgDatabase db, String store) {
    this.db = db;
    this.store = store;
  }

  /** The store named {@code store} in {@code db}, kept current through {@code changes}. */
  public static PgDocuments open(PgDatabase db, PgChanges changes, String store) {
    db.migrate(COMPONENT, MIGRATIONS);
    PgDocuments documents = new PgDocuments(db, store);
    changes.follow(db.channel(CHANNEL), store::equals, documents::reload);
    documents.reload();
    return documents;
  }

  @Override
  public Optional<String> get(String owner, String key) {
    return Optional.ofNullable(snapshot.getOrDefault(owner, Map.of()).get(key));
  }

  @Override
  public Map<String, String> all(String owner) {
    return snapshot.getOrDefault(owner, Map.of());
  }

  @Override
  public Map<String, Map<String, String>> everything() {
    return snapshot;
  }

  @Override
  public void put(String owner, String key, String document) {
    write(
        "INSERT INTO documents (store, owner, key, document) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (store, owner, key) DO UPDATE SET document = excluded.document",
        store,
        owner,
        key,
        document);
  }

  @Override
  public void delete(String owner, String key) {
    write("DELETE FROM documents WHERE store = ? AND owner = ? AND key = ?", store, owner, key);
  }

  @Override
  public void deleteOwner(String owner) {
    write("DELETE FROM documents WHERE store = ? AND owner = ?", store, owner);
  }

  private void write(String sql, String... args) {
    db.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setString(i + 1, args[i]);
            }
            s.executeUpdate();
          }
          try (PreparedStatement n = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            n.setString(1, db.channel(CHANNEL));
            n.setString(2, store);
            n.execute();
          }
          return null;
        });
    reload();
  }

  private void reload() {
    lock.lock();
    try {
      snapshot =
          db.single(
              c -> {
                try (PreparedStatement q =
                    c.prepareStatement(
                        "SELECT owner, key, document FROM documents WHERE store = ?")) {
                  q.setString(1, store);
                  try (ResultSet r = q.executeQuery()) {
                    return DocumentTable.snapshotOf(r);
                  }
                }
              });
    } finally {
      lock.unlock();
    }
  }

  /** The database and its change feed belong to whoever opened them. */
  @Override
  public void close() {}
}
