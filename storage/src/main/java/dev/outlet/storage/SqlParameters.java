package dev.outlet.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binding a statement's parameters, the same for every store and engine. */
public final class SqlParameters {
  private SqlParameters() {}

  /** Binds {@code parameters} to {@code s} in order. */
  public static void bind(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
  }
}
