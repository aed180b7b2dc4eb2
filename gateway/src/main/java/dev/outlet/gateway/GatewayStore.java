package dev.outlet.gateway;

import dev.outlet.storage.DurableSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The front's definitions in SQLite, {@code <dataDir>/gateway.db}: one row per document (an API,
 * integration, route, stage, authorizer, or Function URL config) holding its JSON as the API
 * returns it.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: WAL with {@code synchronous=FULL}; a method that returns has its change on disk
 *       (it survives {@code kill -9}). {@link #write} applies several changes in one transaction
 *       (quick create, deleting an API with everything under it): all or nothing.
 *   <li>Thread-safe: one connection used under a lock; blocking, so callers are virtual threads
 *       (control planes), never an event loop.
 * </ol>
 */
public final class GatewayStore implements AutoCloseable {
  static final String FILE = "gateway.db";

  /** A stored document: {@code kind} (api, integration, ...), its parent id, its id, its JSON. */
  public record Doc(String kind, String parent, String id, String json) {}

  /** One change of a {@link #write}: a put (json non-null) or a delete (json null). */
  public record Change(String kind, String parent, String id, String json) {
    static Change put(String kind, String parent, String id, String json) {
      return new Change(kind, parent, id, json);
    }

    static Change delete(String kind, String parent, String id) {
      return new Change(kind, parent, id, null);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;

  private GatewayStore(Connection db) {
    this.db = db;
  }

  /**
   * Opens (creating if needed) {@code <dataDir>/gateway.db}.
   *
   * @throws dev.outlet.storage.StorageException if it cannot be opened
   */
  public static GatewayStore open(Path dataDir) {
    return new GatewayStore(
        DurableSqlite.open(
            dataDir.resolve(FILE),
            List.of(
                "CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, parent TEXT NOT NULL,"
                    + " id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, parent, id))")));
  }

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
      throw new IllegalStateException("cannot load gateway definitions", e);
    } finally {
      lock.unlock();
    }
  }

  /** Applies {@code changes} in one transaction. */
  public void write(List<Change> changes) {
    lock.lock();
    try {
      db.setAutoCommit(false);
      try (PreparedStatement put =
              db.prepareStatement(
                  "INSERT INTO docs (kind, parent, id, json) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (kind, parent, id) DO UPDATE SET json = excluded.json");
          PreparedStatement del =
              db.prepareStatement("DELETE FROM docs WHERE kind = ? AND parent = ? AND id = ?")) {
        for (Change c : changes) {
          PreparedStatement s = c.json() == null ? del : put;
          s.setString(1, c.kind());
          s.setString(2, c.parent());
          s.setString(3, c.id());
          if (c.json() != null) {
            s.setString(4, c.json());
          }
          s.executeUpdate();
        }
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write gateway definitions", e);
    } finally {
      lock.unlock();
    }
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
