package dev.outlet.storage;

import dev.outlet.core.DocumentStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link DocumentStore} of one machine: one table in one SQLite file.
 *
 * <p>Contract: each write is one committed statement before the method returns (it survives {@code
 * kill -9}); reads use an immutable snapshot replaced after each write, so they never touch the
 * file. One lock orders the writers. Blocking writes: virtual threads only.
 */
public final class DocumentTable implements DocumentStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final String file;
  private volatile Map<String, Map<String, String>> snapshot = Map.of();

  private DocumentTable(Connection db, String file) {
    this.db = db;
    this.file = file;
  }

  /** Opens (creating if needed) {@code file} with its one table of documents. */
  public static DocumentTable open(Path file) {
    DocumentTable t =
        new DocumentTable(
            DurableSqlite.open(
                file,
                List.of(
                    "CREATE TABLE IF NOT EXISTS documents (owner TEXT NOT NULL, key TEXT NOT NULL,"
                        + " document TEXT NOT NULL, PRIMARY KEY (owner, key))")),
            file.getFileName().toString());
    t.lock.lock();
    try {
      t.reload();
    } finally {
      t.lock.unlock();
    }
    return t;
  }

  @Override
  public Optional<String> get(String owner, String key) {
    return Optional.ofNullable(snapshot.getOrDefault(owner, Map.of()).get(key));
  }

  /** An owner's documents by key, in key order. */
  @Override
  public Map<String, String> all(String owner) {
    return snapshot.getOrDefault(owner, Map.of());
  }

  /** Every owner's documents. */
  @Override
  public Map<String, Map<String, String>> everything() {
    return snapshot;
  }

  @Override
  public void put(String owner, String key, String document) {
    write(
        "INSERT OR REPLACE INTO documents (owner, key, document) VALUES (?, ?, ?)",
        owner,
        key,
        document);
  }

  @Override
  public void delete(String owner, String key) {
    write("DELETE FROM documents WHERE owner = ? AND key = ?", owner, key);
  }

  /** Deletes every document of {@code owner} (its function was deleted). */
  @Override
  public void deleteOwner(String owner) {
    write("DELETE FROM documents WHERE owner = ?", owner);
  }

  private void write(String sql, String... args) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      SqlParameters.bind(s, (Object[]) args);
      s.executeUpdate();
      reload();
    } catch (SQLException e) {
      throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** With the lock held. */
  private void reload() {
    try (PreparedStatement s = db.prepareStatement("SELECT owner, key, document FROM documents");
        ResultSet r = s.executeQuery()) {
      snapshot = snapshotOf(r);
    } catch (SQLException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The immutable snapshot of the rows {@code (owner, key, document)} of {@code r}: owners to their
   * documents in key order (PostgreSQL's store reads its rows into the same).
   */
  public static Map<String, Map<String, String>> snapshotOf(ResultSet r) throws SQLException {
    Map<String, Map<String, String>> next = new HashMap<>();
    while (r.next()) {
      next.computeIfAbsent(r.getString(1), o -> new TreeMap<>())
          .put(r.getString(2), r.getString(3));
    }
    Map<String, Map<String, String>> frozen = new HashMap<>();
    next.forEach((owner, docs) -> frozen.put(owner, Collections.unmodifiableMap(docs)));
    return Map.copyOf(frozen);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      DurableSqlite.closeQuietly(db);
    } finally {
      lock.unlock();
    }
  }
}
