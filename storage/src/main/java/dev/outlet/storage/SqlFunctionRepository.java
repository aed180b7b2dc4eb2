package dev.outlet.storage;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FunctionRepository} over SQL, written once for both engines: the tables ({@code
 * functions}, {@code versions}, {@code version_counters}, {@code aliases}, each record as its JSON)
 * and every operation. An engine gives how a statement runs ({@link #update}, {@link #query},
 * {@link #transaction}) and how its dialect spells the larger of two values.
 *
 * <p>Contract: a write is committed when its method returns; {@link #insert} of a name that exists
 * is AWS's ResourceConflictException, decided by the primary key; {@link #replace} and {@link
 * #replaceAlias} are compare-and-set on the revision id in one {@code UPDATE}; {@link #delete}
 * removes a function with its versions, aliases and counter in one transaction.
 */
public abstract class SqlFunctionRepository implements FunctionRepository {
  /** The tables, the same in both engines (migration 1 of PostgreSQL, 1 and 2 of SQLite). */
  protected static final List<String> FUNCTIONS_TABLE =
      List.of(
          "CREATE TABLE functions (name TEXT PRIMARY KEY, revision_id TEXT NOT NULL,"
              + " record TEXT NOT NULL)");

  protected static final List<String> VERSION_AND_ALIAS_TABLES =
      List.of(
          "CREATE TABLE versions (name TEXT NOT NULL, version INTEGER NOT NULL,"
              + " record TEXT NOT NULL, PRIMARY KEY (name, version))",
          "CREATE TABLE version_counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL)",
          "CREATE TABLE aliases (name TEXT NOT NULL, alias TEXT NOT NULL,"
              + " revision_id TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (name, alias))");

  /** One statement and its parameters. */
  protected record Step(String sql, Object... parameters) {
    public Step {}
  }

  /** One row of a query, read. */
  protected interface Row<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Runs one committed statement; its update count. */
  protected abstract int update(String sql, Object... parameters);

  /** Every row of a query, read. */
  protected abstract <T> List<T> query(String sql, Row<T> row);

  /** Runs the statements in one transaction; their update counts. */
  protected abstract int[] transaction(List<Step> statements);

  /**
   * The dialect's larger-of-two function: {@code max} in SQLite, {@code GREATEST} in PostgreSQL.
   */
  protected abstract String greatest();

  @Override
  public List<FunctionRecord> loadAll() {
    return query(
        "SELECT name, record FROM functions ORDER BY name",
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), FunctionRecord.class));
  }

  @Override
  public void insert(FunctionRecord record) {
    int inserted =
        update(
            "INSERT INTO functions (name, revision_id, record) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING",
            record.name(),
            record.revisionId(),
            FunctionRecordJson.write(record.name(), record));
    if (inserted == 0) {
      throw LambdaException.conflict("Function already exist: " + record.name()); // AWS's (sic)
    }
  }

  @Override
  public boolean replace(FunctionRecord record, String expectedRevision) {
    return update(
            "UPDATE functions SET revision_id = ?, record = ? WHERE name = ? AND revision_id = ?",
            record.revisionId(),
            FunctionRecordJson.write(record.name(), record),
            record.name(),
            expectedRevision)
        == 1;
  }

  @Override
  public boolean delete(String name) {
    int[] counts =
        transaction(
            List.of(
                new Step("DELETE FROM functions WHERE name = ?", name),
                new Step("DELETE FROM versions WHERE name = ?", name),
                new Step("DELETE FROM aliases WHERE name = ?", name),
                new Step("DELETE FROM version_counters WHERE name = ?", name)));
    return counts[0] == 1;
  }

  @Override
  public List<FunctionVersion> loadVersions() {
    return query(
        "SELECT name, record FROM versions ORDER BY name, version",
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), FunctionVersion.class));
  }

  @Override
  public Map<String, Integer> loadVersionCounters() {
    Map<String, Integer> out = new HashMap<>();
    query("SELECT name, last FROM version_counters", r -> out.put(r.getString(1), r.getInt(2)));
    return out;
  }

  @Override
  public void insertVersion(FunctionVersion version) {
    transaction(
        List.of(
            new Step(
                "INSERT INTO versions (name, version, record) VALUES (?, ?, ?)",
                version.function(),
                version.number(),
                FunctionRecordJson.write(version.function(), version)),
            new Step(raiseCounter(), version.function(), version.number())));
  }

  /**
   * Raises {@code function}'s version counter to {@code last} if it is lower (a copy of a store
   * whose highest versions were deleted keeps numbering after them, as AWS never reuses one).
   */
  public void raiseVersionCounter(String function, int last) {
    update(raiseCounter(), function, last);
  }

  private String raiseCounter() {
    return "INSERT INTO version_counters (name, last) VALUES (?, ?) ON CONFLICT (name)"
        + " DO UPDATE SET last = "
        + greatest()
        + "(version_counters.last, excluded.last)";
  }

  @Override
  public boolean deleteVersion(String function, int number) {
    return update("DELETE FROM versions WHERE name = ? AND version = ?", function, number) == 1;
  }

  @Override
  public List<AliasRecord> loadAliases() {
    return query(
        "SELECT name, record FROM aliases ORDER BY name, alias",
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), AliasRecord.class));
  }

  @Override
  public boolean insertAlias(AliasRecord alias) {
    return update(
            "INSERT INTO aliases (name, alias, revision_id, record) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name, alias) DO NOTHING",
            alias.function(),
            alias.name(),
            alias.revisionId(),
            FunctionRecordJson.write(alias.function(), alias))
        == 1;
  }

  @Override
  public boolean replaceAlias(AliasRecord alias, String expectedRevision) {
    return update(
            "UPDATE aliases SET revision_id = ?, record = ? WHERE name = ? AND alias = ?"
                + " AND revision_id = ?",
            alias.revisionId(),
            FunctionRecordJson.write(alias.function(), alias),
            alias.function(),
            alias.name(),
            expectedRevision)
        == 1;
  }

  @Override
  public boolean deleteAlias(String function, String name) {
    return update("DELETE FROM aliases WHERE name = ? AND alias = ?", function, name) == 1;
  }
}
