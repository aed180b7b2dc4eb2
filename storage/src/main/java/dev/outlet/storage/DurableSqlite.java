package dev.outlet.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Opens the SQLite databases that hold what Outlet's APIs acknowledge (functions, HTTP APIs,
 * schedules): WAL with {@code synchronous=FULL}, so a committed transaction is on disk and survives
 * {@code kill -9}, and a busy timeout for the readers of other tools.
 */
public final class DurableSqlite {
  static final int BUSY_TIMEOUT_MS = 5_000;

  private DurableSqlite() {}

  /**
   * Opens (creating its folder and file if needed) {@code file} and runs {@code schema}, statements
   * that must be idempotent ({@code CREATE TABLE IF NOT EXISTS ...}). The connection is closed if
   * any step fails.
   *
   * @throws StorageException if the file cannot be opened or the schema applied
   */
  public static Connection open(Path file, List<String> schema) {
    Connection db = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        for (String statement : schema) {
          s.execute(statement);
        }
      }
      return db;
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(db);
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} on {@code db} (whose caller holds its lock) in one transaction: committed
   * when it returns, rolled back when it throws; the connection autocommits again after.
   */
  public static <T> T inTransaction(Connection db, Work<T> work) throws SQLException {
    db.setAutoCommit(false);
    try {
      T result = work.run();
      db.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** Closes {@code db} (may be null), ignoring what a failing close says. */
  public static void closeQuietly(Connection db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      // already failing or closing
    }
  }
}
