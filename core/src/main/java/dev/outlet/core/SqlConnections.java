package dev.outlet.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a store that holds its own connection asks after a statement failed: is the connection
 * itself gone (the database restarted, the network cut), so that the next use must open another?
 * Stateless.
 */
public final class SqlConnections {
  /** How long a connection may take to show it still answers. */
  private static final int VALID_SECONDS = 2;

  private SqlConnections() {}

  /** Whether {@code c} (null: none open) no longer answers; blocks up to two seconds. */
  public static boolean broken(Connection c) {
    if (c == null) {
      return true;
    }
    try {
      return !c.isValid(VALID_SECONDS);
    } catch (SQLException e) {
      return true;
    }
  }

  /** Closes {@code c} (may be null), ignoring what a failing close says: it is broken already. */
  public static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // broken or closing already
    }
  }
}
