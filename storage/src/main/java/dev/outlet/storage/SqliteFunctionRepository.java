package dev.outlet.storage;

import dev.outlet.core.LambdaException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
public final class SqliteFunctionRepository extends SqlFunctionRepository implements AutoCloseable {
  /** The file under a data folder. */
  public static final String FILE = "outlet.db";

  /** Migration {@code i} takes the schema from version {@code i} to {@code i + 1}. */
  private static final List<List<String>> MIGRATIONS =
      List.of(FUNCTIONS_TABLE, VERSION_AND_ALIAS_TABLES);

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;

  private SqliteFunctionRepository(Connection db) {
    this.db = db;
  }

  /** Opens (creating and migrating if needed) {@code <dataDir>/outlet.db}. */
  public static SqliteFunctionRepository open(Path dataDir) {
    Path file = dataDir.resolve(FILE);
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
  protected String greatest() {
    return "max";
  }

  @Override
  protected <T> List<T> query(String sql, Row<T> row) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        out.add(row.read(rows));
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("cannot read " + FILE, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  protected int[] transaction(List<Step> statements) {
    lock.lock();
    try {
      return DurableSqlite.inTransaction(
          db,
          () -> {
            int[] counts = new int[statements.size()];
            for (int i = 0; i < counts.length; i++) {
              try (PreparedStatement s = db.prepareStatement(statements.get(i).sql())) {
                SqlParameters.bind(s, statements.get(i).parameters());
                counts[i] = s.executeUpdate();
              }
            }
            return counts;
          });
    } catch (SQLException e) {
      throw new StorageException("cannot write to " + FILE, e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs one auto-committed statement: when it returns, the change is in the fsynced WAL. */
  @Override
  protected int update(String sql, Object... parameters) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      SqlParameters.bind(s, parameters);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot write to " + FILE, e);
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
      throw new StorageException("cannot close " + FILE, e);
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
