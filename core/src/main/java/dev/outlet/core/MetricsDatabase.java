package dev.outlet.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the minute aggregates live: {@code metrics.db} on one machine, or a PostgreSQL schema the
 * nodes of a cluster share. There each node writes rows of its own (a column names the node), so no
 * two nodes ever merge into the same row, and every read sums the nodes' rows: {@code
 * GetMetricData}, {@code outlet stats} and the console give the cluster's figures on any node.
 */
public interface MetricsDatabase {
  /** Whether rows are kept per node (a shared database) rather than one per series and minute. */
  boolean perNode();

  /**
   * The name of this node's rows (any text unique to this process); unused without {@link
   * #perNode}.
   */
  String node();

  /**
   * A new connection, the tables in place (autocommit on).
   *
   * @throws SQLException if the database cannot be reached or holds a newer schema than this code
   *     knows
   */
  Connection open() throws SQLException;

  /** Where it is, for messages (never a password). */
  String describe();
}
