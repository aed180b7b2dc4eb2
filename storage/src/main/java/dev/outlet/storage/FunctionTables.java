package dev.outlet.storage;

import java.util.List;

/**
 * The statements of the function repository's tables ({@code functions}, {@code versions}, {@code
 * version_counters}, {@code aliases}), written once for both engines: SQLite's and PostgreSQL's
 * repositories run the same SQL but for the larger of two values, which the dialects spell
 * differently.
 */
public final class FunctionTables {
  private FunctionTables() {}

  public static final String LOAD_FUNCTIONS = "SELECT name, record FROM functions ORDER BY name";
  public static final String INSERT_FUNCTION =
      "INSERT INTO functions (name, revision_id, record) VALUES (?, ?, ?)"
          + " ON CONFLICT (name) DO NOTHING";
  public static final String REPLACE_FUNCTION =
      "UPDATE functions SET revision_id = ?, record = ? WHERE name = ? AND revision_id = ?";

  /** A function's rows in every table, the function's first; each takes the name. */
  public static final List<String> DELETE_FUNCTION =
      List.of(
          "DELETE FROM functions WHERE name = ?",
          "DELETE FROM versions WHERE name = ?",
          "DELETE FROM aliases WHERE name = ?",
          "DELETE FROM version_counters WHERE name = ?");

  public static final String LOAD_VERSIONS =
      "SELECT name, record FROM versions ORDER BY name, version";
  public static final String LOAD_COUNTERS = "SELECT name, last FROM version_counters";
  public static final String INSERT_VERSION =
      "INSERT INTO versions (name, version, record) VALUES (?, ?, ?)";
  public static final String DELETE_VERSION = "DELETE FROM versions WHERE name = ? AND version = ?";

  public static final String LOAD_ALIASES = "SELECT name, record FROM aliases ORDER BY name, alias";
  public static final String INSERT_ALIAS =
      "INSERT INTO aliases (name, alias, revision_id, record) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (name, alias) DO NOTHING";
  public static final String REPLACE_ALIAS =
      "UPDATE aliases SET revision_id = ?, record = ? WHERE name = ? AND alias = ?"
          + " AND revision_id = ?";
  public static final String DELETE_ALIAS = "DELETE FROM aliases WHERE name = ? AND alias = ?";

  /**
   * Raises a function's counter to a version's number, never lowering it; {@code greatest} is the
   * dialect's larger-of-two function ({@code max} in SQLite, {@code GREATEST} in PostgreSQL).
   */
  public static String raiseCounter(String greatest) {
    return "INSERT INTO version_counters (name, last) VALUES (?, ?) ON CONFLICT (name)"
        + " DO UPDATE SET last = "
        + greatest
        + "(version_counters.last, excluded.last)";
  }
}
