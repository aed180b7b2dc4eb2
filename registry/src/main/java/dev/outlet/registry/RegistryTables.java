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
   * The tables as PostgreSQL needs them: numbers in {@code BIGINT} (SQLite's {@code INTEGER} is
   * already 64 bits) and a manifest's body in {@code BYTEA}.
   */
  static List<String> postgresSchema() {
    return SCHEMA.stream()
        .map(
            s ->
                s.replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE")
                    .replace("INTEGER", "BIGINT")
                    .replace("BLOB", "BYTEA"))
        .toList();
  }

  /** One machine's tables: {@code file} (WAL, {@code synchronous=FULL}), one connection. */
  static RegistryTables sqlite(Path file) {
    Connection db = DurableSqlite.open(file, SCHEMA);
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
}
