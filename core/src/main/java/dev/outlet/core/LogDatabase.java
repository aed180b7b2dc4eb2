package dev.outlet.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a log store ({@code telemetry}'s {@code LogStore}) keeps its groups, streams and events: a
 * SQLite file on one machine, or a PostgreSQL schema the nodes of a cluster share (so every node
 * reads every node's logs). The store opens one connection to write and one to read, and opens
 * another when one breaks (a database restarted).
 */
public interface LogDatabase {
  LogDialect dialect();

  /**
   * Whether other processes write it too (a cluster's nodes): the live tail then follows what the
   * database stores rather than what this process appends.
   */
  boolean shared();

  /**
   * A new connection to write with, the tables in place.
   *
   * @throws SQLException if the database cannot be reached or holds a newer schema than this code
   *     knows
   */
  Connection openWriter() throws SQLException;

  /** A new connection to read with. */
  Connection openReader() throws SQLException;

  /** Where it is, for messages (never a password). */
  String describe();
}
