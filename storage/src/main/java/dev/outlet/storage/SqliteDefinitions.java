package dev.outlet.storage;

import dev.outlet.core.DefinitionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DefinitionStore} in one SQLite file (the gateway's {@code <dataDir>/gateway.db}): one
 * row per document, in WAL with {@code synchronous=FULL}, one connection used under a lock.
 */
public final class SqliteDefinitions implements DefinitionStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;

  private SqliteDefinitions(Connection db) {
    this.db = db;
  }

  /**
   * Opens (creating if needed) {@code file}.
   *
   * @throws StorageException if it cannot be opened
   */
  public static SqliteDefinitions open(Path file) {
    return new SqliteDefinitions(
        DurableSqlite.open(
            file,
            List.of(
                "CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, parent TEXT NOT NULL,"
                    + " id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, parent, id))")));
  }

  @Override
  public List<Doc> loadAll() {
    lock.lock();
    try (PreparedStatement s =
            db.prepareStatement("SELECT kind, parent, id, json FROM docs ORDER BY rowid");
        ResultSet rows = s.executeQuery()) {
      List<Doc> out = new ArrayList<>();
      while (rows.next()) {
        out.add(
            new Doc(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("cannot load definitions: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void write(List<Change> changes) {
    lock.lock();
    try {
      DurableSqlite.inTransaction(
          db,
          () -> {
            try (PreparedStatement put =
                    db.prepareStatement(
                        "INSERT INTO docs (kind, parent, id, json) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (kind, parent, id) DO UPDATE SET json = excluded.json");
                PreparedStatement create =
                    db.prepareStatement(
                        "INSERT INTO docs (kind, parent, id, json) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (kind, parent, id) DO NOTHING");
                PreparedStatement del =
                    db.prepareStatement(
                        "DELETE FROM docs WHERE kind = ? AND parent = ? AND id = ?")) {
              for (Change c : changes) {
                PreparedStatement s = c.json() == null ? del : c.fresh() ? create : put;
                s.setString(1, c.kind());
                s.setString(2, c.parent());
                s.setString(3, c.id());
                if (c.json() != null) {
                  s.setString(4, c.json());
                }
                if (s.executeUpdate() == 0 && c.fresh()) {
                  throw new DefinitionStore.Exists(c); // rolls the whole write back
                }
              }
            }
            return null;
          });
    } catch (SQLException e) {
      throw new StorageException("cannot write definitions: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onChanged(Runnable reload) {
    // this process is the only writer
  }

  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      // closing anyway
    } finally {
      lock.unlock();
    }
  }
}
