package dev.outlet.iam;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the identities' tables are: one machine's {@code keys.db}, or a database the nodes of a
 * cluster share, so that a key, a user or a policy made through any node is honoured by every node
 * (each re-reads them every {@link IdentityStore#REFRESH}). Each {@link #run} is one statement,
 * committed with it.
 */
public interface IdentityTables extends AutoCloseable {

  /** One statement's work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a connection in autocommit mode. */
  <T> T run(Work<T> work) throws SQLException;

  @Override
  void close();

  /**
   * The tables, as PostgreSQL needs them: times in {@code BIGINT} (SQLite's {@code INTEGER} is
   * already 64 bits) and attachments with a {@code rowid} of their own (SQLite's is implicit), so
   * that both engines run the same statements.
   */
  static List<String> postgresSchema() {
    return IdentityStore.SCHEMA.stream()
        .map(
            s ->
                s.replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE")
                    .replace("INTEGER", "BIGINT")
                    .replace("arn TEXT NOT NULL,", "arn TEXT NOT NULL, rowid BIGSERIAL NOT NULL,"))
        .toList();
  }
}
