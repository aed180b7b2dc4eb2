package dev.outlet.storage;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link FunctionRepository} in SQLite: {@code <dataDir>/outlet.db}, one row per function
 * holding its {@link FunctionRecord} as JSON, one per published version ({@code versions}, with the
 * per-function counter in {@code version_counters}) and one per alias ({@code aliases}).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: every write is one auto-committed statement in WAL mode with {@code
 *       synchronous=FULL}, so a method that returns has its change on disk and it survives {@code
 *       kill -9} (and power loss).
 *   <li>Thread-safe: one connection, used only under a lock. This is the control plane (create,
 *       update, delete, start-up load), never the invoke path, so a lock costs nothing that
 *       matters.
 *   <li>{@link #replace} is a compare-and-set on the revision id in a single {@code UPDATE}: of two
 *       concurrent updates from the same revision exactly one wins.
 *   <li>The schema version lives in {@code PRAGMA user_version}; opening migrates an older database
 *       and refuses a newer one.
 * </ol>
 *
 * <p>Failures: a duplicate insert is a {@link LambdaException} ResourceConflictException; any
 * SQLite or disk fault is a {@link StorageException}.
 */
public final class SqliteFunctionRepository implements FunctionRepository, AutoCloseable {
  private static final String DB_FILE = "outlet.db";

  /** Migration {@code i} takes the schema from version {@code i} to {@code i + 1}. */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE functions ("
                  + " name TEXT PRIMARY KEY,"
                  + " revision_id TEXT NOT NULL,"
                  + " record TEXT NOT NULL)"),
          List.of(
              "CREATE TABLE versions (name TEXT NOT NULL, version INTEGER NOT NULL,"
                  + " record TEXT NOT NULL, PRIMARY KEY (name, version))",
              "CREATE TABLE version_counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL)",
              "CREATE TABLE aliases (name TEXT NOT NULL, alias TEXT NOT NULL,"
                  + " revision_id TEXT NOT NULL, record TEXT NOT NULL,"
                  + " PRIMARY KEY (name, alias))"));

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;

  private SqliteFunctionRepository(Connection db) {
    this.db = db;
  }

  /** Opens (creating and migrating if needed) {@code <dataDir>/outlet.db}. */
  public static SqliteFunctionRepository open(Path dataDir) {
    Path file = dataDir.resolve(DB_FILE);
    Connection db = DurableSqlite.open(file, List.of());
    try {
      migrate(db, file);
      return new SqliteFunctionRepository(db);
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new StorageException("cannot open " + file, e);
    } catch (RuntimeException e) {
      DurableSqlite.closeQuietly(db);
      throw e;
    }
  }

  @Override
  public List<FunctionRecord> loadAll() {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(FunctionTables.LOAD_FUNCTIONS);
        ResultSet rows = s.executeQuery()) {
      List<FunctionRecord> out = new ArrayList<>();
      while (rows.next()) {
        out.add(
            FunctionRecordJson.read(rows.getString(1), rows.getString(2), FunctionRecord.class));
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("cannot load functions", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void insert(FunctionRecord record) {
    String json = FunctionRecordJson.write(record.name(), record);
    int inserted = update(FunctionTables.INSERT_FUNCTION, record.name(), record.revisionId(), json);
    if (inserted == 0) {
      throw LambdaException.conflict("Function already exist: " + record.name()); // AWS's (sic)
    }
  }

  @Override
  public boolean replace(FunctionRecord record, String expectedRevision) {
    String json = FunctionRecordJson.write(record.name(), record);
    return update(
            FunctionTables.REPLACE_FUNCTION,
            record.revisionId(),
            json,
            record.name(),
            expectedRevision)
        == 1;
  }

  @Override
  public boolean delete(String name) {
    int[] counts = transaction(name, FunctionTables.DELETE_FUNCTION.toArray(String[]::new));
    return counts[0] == 1;
  }

  @Override
  public List<FunctionVersion> loadVersions() {
    return query(
        FunctionTables.LOAD_VERSIONS,
        rows ->
            FunctionRecordJson.read(rows.getString(1), rows.getString(2), FunctionVersion.class));
  }

  @Override
  public Map<String, Integer> loadVersionCounters() {
    Map<String, Integer> out = new HashMap<>();
    query(FunctionTables.LOAD_COUNTERS, rows -> out.put(rows.getString(1), rows.getInt(2))).size();
    return out;
  }

  @Override
  public void insertVersion(FunctionVersion version) {
    String number = Integer.toString(version.number());
    transaction(
        List.of(
            List.of(
                FunctionTables.INSERT_VERSION,
                version.function(),
                number,
                FunctionRecordJson.write(version.function(), version)),
            List.of(FunctionTables.raiseCounter("max"), version.function(), number)));
  }

  @Override
  public boolean deleteVersion(String function, int number) {
    return update(FunctionTables.DELETE_VERSION, function, Integer.toString(number)) == 1;
  }

  @Override
  public List<AliasRecord> loadAliases() {
    return query(
        FunctionTables.LOAD_ALIASES,
        rows -> FunctionRecordJson.read(rows.getString(1), rows.getString(2), AliasRecord.class));
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
    T read(ResultSet rows) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        out.add(row.read(rows));
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("cannot read " + DB_FILE, e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs statements taking one parameter each in one transaction; their update counts. */
  private int[] transaction(String parameter, String... statements) {
    List<List<String>> all = new ArrayList<>();
    for (String sql : statements) {
      all.add(List.of(sql, parameter));
    }
    return transaction(all);
  }

  /**
   * Runs statements in one transaction, each given as its SQL then its parameters; their update
   * counts.
   */
  private int[] transaction(List<List<String>> statements) {
    lock.lock();
    try {
      db.setAutoCommit(false);
      try {
        int[] counts = new int[statements.size()];
        for (int i = 0; i < counts.length; i++) {
          List<String> st = statements.get(i);
          try (PreparedStatement s = db.prepareStatement(st.get(0))) {
            for (int p = 1; p < st.size(); p++) {
              s.setString(p, st.get(p));
            }
            counts[i] = s.executeUpdate();
          }
        }
        db.commit();
        return counts;
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("cannot write to " + DB_FILE, e);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection; later calls fail with a {@link StorageException}. */
  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      throw new StorageException("cannot close " + DB_FILE, e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs one auto-committed statement: when it returns, the change is in the fsynced WAL. */
  private int update(String sql, String... parameters) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot write to " + DB_FILE, e);
    } finally {
      lock.unlock();
    }
  }

  private static void migrate(Connection db, Path file) throws SQLException {
    int version;
    try (Statement s = db.createStatement();
        ResultSet row = s.executeQuery("PRAGMA user_version")) {
      version = row.getInt(1);
    }
    if (version > MIGRATIONS.size()) {
      throw new StorageException(
          file
              + " has schema version "
              + version
              + ", newer than this Outlet knows ("
              + MIGRATIONS.size()
              + "): run a newer Outlet or use another data directory",
          null);
    }
    // Each step and its version bump commit together: a crash mid-migration leaves the old schema.
    for (int v = version; v < MIGRATIONS.size(); v++) {
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        for (String sql : MIGRATIONS.get(v)) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    }
  }
}
