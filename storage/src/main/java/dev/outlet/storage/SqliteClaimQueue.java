package dev.outlet.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link SqlClaimQueue} of one machine, in one SQLite file: every call is one {@code BEGIN
 * IMMEDIATE} transaction, so claimers in this process (a lock) and in others (SQLite's writer lock,
 * waited for up to the busy timeout) take turns, and a claim's read and update see the same rows.
 */
public final class SqliteClaimQueue extends SqlClaimQueue implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final String file;

  private SqliteClaimQueue(Connection db, String file) {
    this.db = db;
    this.file = file;
  }

  /** Opens (creating if needed) {@code file}. */
  public static SqliteClaimQueue open(Path file) {
    List<String> schema = new ArrayList<>();
    for (String sql : table("BLOB")) {
      schema.add(sql.replaceFirst("CREATE (TABLE|INDEX) ", "CREATE $1 IF NOT EXISTS "));
    }
    return new SqliteClaimQueue(DurableSqlite.open(file, schema), file.getFileName().toString());
  }

  @Override
  protected String lockClause() {
    return "";
  }

  @Override
  protected String nextSeq() {
    return "(SELECT coalesce(max(seq), 0) + 1 FROM claims)";
  }

  @Override
  protected <T> T inTransaction(Work<T> work) {
    lock.lock();
    try (Statement s = db.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(db);
        s.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("cannot use " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
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
