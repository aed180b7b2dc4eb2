package dev.outlet.iam;

import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.SqlParameters;
import dev.outlet.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection to {@code keys.db} and the one lock that guards it; every statement runs under it,
 * and a change made of several statements holds it around them ({@link #lock}).
 */
final class IdentityDb implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final IdentityTables db;

  IdentityDb(IdentityTables db) {
    this.db = db;
  }

  /** One machine's tables: one SQLite connection, used under the lock. */
  static IdentityTables sqlite(Connection c) {
    return new IdentityTables() {
      @Override
      public <T> T run(Work<T> work) throws SQLException {
        return work.run(c);
      }

      @Override
      public void close() {
        DurableSqlite.closeQuietly(c);
      }
    };
  }

  /** How one row becomes a value. */
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  ReentrantLock lock() {
    return lock;
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) {
    lock.lock();
    try {
      return db.run(
          c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              SqlParameters.bind(s, args);
              try (ResultSet r = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (r.next()) {
                  out.add(row.read(r));
                }
                return out;
              }
            }
          });
    } catch (SQLException e) {
      throw new StorageException("cannot read identities: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  void execute(String sql, Object... args) {
    lock.lock();
    try {
      db.run(
          c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              SqlParameters.bind(s, args);
              return s.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw new StorageException("cannot write identities: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } finally {
      lock.unlock();
    }
  }
}
