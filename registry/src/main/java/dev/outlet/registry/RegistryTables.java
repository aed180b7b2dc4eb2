package dev.outlet.registry;

import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the registry's tables (repositories, blob links, manifests, tags) are: one machine's {@code
 * registry.db}, or a database the nodes of a cluster share, so that an image pushed through any
 * node is pulled and run by every node. Both engines run the same statements.
 */
public interface RegistryTables extends AutoCloseable {

  /** One transaction's work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StorageException when the database fails (a {@code RuntimeException} of the work passes
   *     as it is)
   */
  <T> T transaction(Work<T> work);

  @Override
  void close();

  /** The tables' schema, as SQLite runs it. */
  List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS repositories (name TEXT PRIMARY KEY, region TEXT NOT NULL,"
              + " created INTEGER NOT NULL, immutable INTEGER NOT NULL, scan INTEGER NOT NULL,"
              + " lifecycle TEXT)",
          "CREATE TABLE IF NOT EXISTS blob_links (repo TEXT NOT NULL, digest TEXT NOT NULL,"
              + " size INTEGER NOT NULL, PRIMARY KEY (repo, digest))",
          "CREATE TABLE IF NOT EXISTS manifests (repo TEXT NOT NULL, digest TEXT NOT NULL,"
              + " media_type TEXT NOT NULL, body BLOB NOT NULL, layers_size INTEGER NOT NULL,"
              + " artifact_type TEXT, pushed INTEGER NOT NULL, PRIMARY KEY (repo, digest))",
          "CREATE TABLE IF NOT EXISTS tags (repo TEXT NOT NULL, tag TEXT NOT NULL,"
              + " digest TEXT NOT NULL, PRIMARY KEY (repo, tag))");

  /**
   * Added since the first schema: when a push last showed it wants a blob (uploaded, mounted or
   * checked it; epoch milliseconds; 0 once a manifest names it), so that an image deleted meanwhile
   * does not take it away. Links made before the column read 1 (long stale): the next collection
   * reads their repositories once.
   */
  String LINK_SEEN = "ALTER TABLE blob_links ADD COLUMN seen INTEGER NOT NULL DEFAULT 1";

  /**
   * The tables as PostgreSQL needs them, as versioned migration steps: numbers in {@code BIGINT}
   * (SQLite's {@code INTEGER} is already 64 bits) and a manifest's body in {@code BYTEA}.
   */
  static List<List<String>> postgresMigrations() {
    return List.of(
        SCHEMA.stream()
            .map(
                s ->
                    postgres(s.replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE"))
                        .replace("BLOB", "BYTEA"))
            .toList(),
        List.of(postgres(LINK_SEEN)));
  }

  private static String postgres(String statement) {
    return statement.replace("INTEGER", "BIGINT");
  }

  /** One machine's tables: {@code file} (WAL, {@code synchronous=FULL}), one connection. */
  static RegistryTables sqlite(Path file) {
    Connection db = DurableSqlite.open(file, SCHEMA);
    try {
      addSeen(db);
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
    return new RegistryTables() {
      @Override
      public synchronized <T> T transaction(Work<T> work) {
        try {
          return DurableSqlite.inTransaction(db, () -> work.run(db));
        } catch (SQLException e) {
          throw new StorageException(file.getFileName() + ": " + e.getMessage(), e);
        }
      }

      @Override
      public synchronized void close() {
        DurableSqlite.closeQuietly(db);
      }
    };
  }

  /** Adds {@link #LINK_SEEN}'s column to a file made before it. */
  private static void addSeen(Connection db) throws SQLException {
    try (var s = db.createStatement();
        var r =
            s.executeQuery("SELECT 1 FROM pragma_table_info('blob_links') WHERE name = 'seen'")) {
      if (r.next()) {
        return;
      }
    }
    try (var s = db.createStatement()) {
      s.execute(LINK_SEEN);
    }
  }
}
