package dev.outlet.postgres;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import dev.outlet.storage.FunctionRecordJson;
import dev.outlet.storage.FunctionTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FunctionRepository} on PostgreSQL: the same tables as {@code outlet.db} of the SQLite
 * repository (functions, versions, version counters, aliases), each record as the same JSON.
 *
 * <p>Contract (the one {@code FunctionRepositoryContract} checks for both): every write commits
 * before the method returns; {@link #insert} of a name that exists is AWS's
 * ResourceConflictException, decided by the primary key, so of two nodes creating the same function
 * exactly one wins; {@link #replace} and {@link #replaceAlias} are compare-and-set on the revision
 * id in one {@code UPDATE}; {@link #delete} removes a function with its versions, aliases and
 * counter in one transaction.
 */
public final class PgFunctionRepository implements FunctionRepository {
  static final String COMPONENT = "functions";

  /** Migration {@code i} takes the tables from version {@code i} to {@code i + 1}. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE functions (name TEXT PRIMARY KEY, revision_id TEXT NOT NULL,"
                  + " record TEXT NOT NULL)",
              "CREATE TABLE versions (name TEXT NOT NULL, version INTEGER NOT NULL,"
                  + " record TEXT NOT NULL, PRIMARY KEY (name, version))",
              "CREATE TABLE version_counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL)",
              "CREATE TABLE aliases (name TEXT NOT NULL, alias TEXT NOT NULL,"
                  + " revision_id TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (name, alias))"));

  private final PgDatabase db;

  private PgFunctionRepository(PgDatabase db) {
    this.db = db;
  }

  /** The repository in {@code db}, its tables created or migrated first. */
  public static PgFunctionRepository open(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgFunctionRepository(db);
  }

  @Override
  public List<FunctionRecord> loadAll() {
    return query(
        FunctionTables.LOAD_FUNCTIONS,
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), FunctionRecord.class));
  }

  @Override
  public void insert(FunctionRecord record) {
    int inserted =
        update(
            FunctionTables.INSERT_FUNCTION,
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
            FunctionTables.REPLACE_FUNCTION,
            record.revisionId(),
            FunctionRecordJson.write(record.name(), record),
            record.name(),
            expectedRevision)
        == 1;
  }

  @Override
  public boolean delete(String name) {
    return db.transaction(
        c -> {
          int[] counts = new int[FunctionTables.DELETE_FUNCTION.size()];
          for (int i = 0; i < counts.length; i++) {
            counts[i] = run(c, FunctionTables.DELETE_FUNCTION.get(i), name);
          }
          return counts[0] == 1;
        });
  }

  @Override
  public List<FunctionVersion> loadVersions() {
    return query(
        FunctionTables.LOAD_VERSIONS,
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), FunctionVersion.class));
  }

  @Override
  public Map<String, Integer> loadVersionCounters() {
    Map<String, Integer> out = new HashMap<>();
    query(FunctionTables.LOAD_COUNTERS, r -> out.put(r.getString(1), r.getInt(2)));
    return out;
  }

  @Override
  public void insertVersion(FunctionVersion version) {
    db.transaction(
        c -> {
          run(
              c,
              FunctionTables.INSERT_VERSION,
              version.function(),
              version.number(),
              FunctionRecordJson.write(version.function(), version));
          run(c, FunctionTables.raiseCounter("GREATEST"), version.function(), version.number());
          return null;
        });
  }

  @Override
  public boolean deleteVersion(String function, int number) {
    return update(FunctionTables.DELETE_VERSION, function, number) == 1;
  }

  @Override
  public List<AliasRecord> loadAliases() {
    return query(
        FunctionTables.LOAD_ALIASES,
        r -> FunctionRecordJson.read(r.getString(1), r.getString(2), AliasRecord.class));
  }

  @Override
  public boolean insertAlias(AliasRecord alias) {
    return update(
            FunctionTables.INSERT_ALIAS,
            alias.function(),
            alias.name(),
            alias.revisionId(),
            FunctionRecordJson.write(alias.function(), alias))
        == 1;
  }

  @Override
  public boolean replaceAlias(AliasRecord alias, String expectedRevision) {
    return update(
            FunctionTables.REPLACE_ALIAS,
            alias.revisionId(),
            FunctionRecordJson.write(alias.function(), alias),
            alias.function(),
            alias.name(),
            expectedRevision)
        == 1;
  }

  @Override
  public boolean deleteAlias(String function, String name) {
    return update(FunctionTables.DELETE_ALIAS, function, name) == 1;
  }

  /** One row of a query, read. */
  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row) {
    return db.transaction(
        c -> {
          List<T> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql);
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(row.read(r));
            }
          }
          return out;
        });
  }

  private int update(String sql, Object... parameters) {
    return db.transaction(c -> run(c, sql, parameters));
  }

  private static int run(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    }
  }
}
