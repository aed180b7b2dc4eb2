package dev.outlet.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outlet.storage.SqlParameters;
import dev.outlet.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One PostgreSQL database shared by the nodes of a cluster: a small connection pool (HikariCP) and
 * the schema version of each component (a store's tables) in {@code outlet_schema}.
 *
 * <p>Contract: {@link #migrate} takes a component from its stored version to the newest in one
 * transaction per step under a transaction-scoped advisory lock, so nodes that start together
 * migrate once and a node that dies mid-step leaves the previous schema; a database written by a
 * newer Outlet is refused. {@link #transaction} commits when its work returns: PostgreSQL's default
 * {@code synchronous_commit} has it on disk by then, so what a store acknowledged survives a crash
 * of either side. Thread-safe; every call blocks on the network.
 */
public final class PgDatabase implements AutoCloseable {
  /**
   * How long a statement may wait for the database's answer: longer than any statement Outlet runs
   * takes (they are short; an advisory lock is held for one short transaction).
   */
  static final int SOCKET_TIMEOUT_SECONDS = 10;

  /**
   * How this process's connections show in {@code pg_stat_activity}: {@code outlet <pid>}, so an
   * operator (or a test) tells which node holds a connection or a lock.
   */
  static final String APPLICATION_NAME = applicationName();

  /**
   * How this process's sessions show in {@code pg_stat_activity}: {@code outlet <pid>@<host>} (at
   * most PostgreSQL's 63 bytes), which its node's row records too ({@link PgNodeRegistry}), so that
   * a session holding a lock names its node.
   */
  private static String applicationName() {
    String name =
        "outlet "
            + ProcessHandle.current().pid()
            + "@"
            + dev.outlet.core.HostNames.local("localhost");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /** The advisory lock key that orders migrations ("outlet" in ASCII). */
  private static final long MIGRATION_LOCK = 0x6f75746c6574L;

  /** A schema name this class accepts: it is written into SQL and channel names as it is. */
  private static final java.util.regex.Pattern SCHEMA =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  private final HikariDataSource pool;
  private final String address;
  private final String schema;

  private final PostgresUrl url;

  private PgDatabase(HikariDataSource pool, PostgresUrl url, String schema) {
    this.pool = pool;
    this.url = url;
    this.schema = schema;
    this.address = url.toString();
  }

  /**
   * Connects to {@code url} with at most {@code connections} connections and checks that it
   * answers.
   *
   * @throws StorageException naming the address (never its password) and the driver's reason
   */
  public static PgDatabase open(PostgresUrl url, int connections) {
    return open(url, connections, "public");
  }

  /**
   * Connects as {@link #open(PostgresUrl, int)} does, with every table in {@code schema} (created
   * when missing): one database holds several regions' stores side by side, a schema each.
   */
  public static PgDatabase open(PostgresUrl url, int connections, String schema) {
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("not a schema name: " + schema);
    }
    HikariConfig config = new HikariConfig();
    config.setSchema(schema);
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(5_000);
    // a statement whose answer does not come (the database cut off without a reset, as a
    // network partition does) fails after this, rather than holding its caller for good
    config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
    config.setPoolName("outlet-store");
    try {
      PgDatabase db = new PgDatabase(new HikariDataSource(config), url, schema);
      db.transaction(c -> ensureSchemaTable(c, schema));
      return db;
    } catch (RuntimeException e) {
      throw new StorageException("cannot reach the store " + url + ": " + reason(e), e);
    }
  }

  /** Work on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StorageException when the database fails (the {@code LambdaException}s of the work pass
   *     as they are)
   */
  public <T> T transaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * Runs {@code work}, one statement, in autocommit mode: PostgreSQL commits it with the statement,
   * one round trip where an explicit transaction takes two (the statement, then {@code COMMIT}).
   */
  public <T> T single(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * Runs {@code work} while this process holds the cluster-wide lock named {@code name} (a
   * transaction-level advisory lock, held by a connection of the pool until {@code work} returns):
   * a one-time job two nodes starting together must not both do. {@code work} uses other
   * connections of the pool, so it needs at least two.
   */
  public <T> T exclusively(String name, java.util.function.Supplier<T> work) {
    return transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, PgLeader.key(channel(name)));
            s.executeQuery().close();
          }
          return work.get();
        });
  }

  /** Runs one statement, committed with it; its update count. */
  public int update(String sql, Object... parameters) {
    return single(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            SqlParameters.bind(s, parameters);
            return s.executeUpdate();
          }
        });
  }

  /**
   * Brings {@code component}'s tables to the newest schema: migration {@code i} takes them from
   * version {@code i} to {@code i + 1}.
   *
   * @throws StorageException when the stored version is newer than {@code migrations} knows
   */
  public void migrate(String component, List<List<String>> migrations) {
    transaction(
        c -> {
          try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, MIGRATION_LOCK);
            lock.execute();
          }
          int version = version(c, component);
          if (version > migrations.size()) {
            throw new StorageException(
                "the store "
                    + address
                    + " has "
                    + component
                    + " at schema version "
                    + version
                    + ", newer than this Outlet knows ("
                    + migrations.size()
                    + "): run a newer Outlet",
                null);
          }
          try (Statement s = c.createStatement()) {
            for (int v = version; v < migrations.size(); v++) {
              for (String sql : migrations.get(v)) {
                s.execute(sql);
              }
            }
          }
          if (version < migrations.size()) {
            try (PreparedStatement up =
                c.prepareStatement(
                    "INSERT INTO outlet_schema (component, version) VALUES (?, ?)"
                        + " ON CONFLICT (component) DO UPDATE SET version = excluded.version")) {
              up.setString(1, component);
              up.setInt(2, migrations.size());
              up.executeUpdate();
            }
          }
          return null;
        });
  }

  /**
   * Brings {@code component}'s tables in {@code schema} of {@code url}'s database to the newest
   * schema, on a connection of its own, for a store that then keeps connections of its own.
   *
   * @throws StorageException when the database cannot be reached or has a newer schema
   */
  public static void migrate(
      PostgresUrl url, String schema, String component, List<List<String>> migrations) {
    try (PgDatabase db = open(url, 1, schema)) {
      db.migrate(component, migrations);
    }
  }

  /** The stored schema version of {@code component}; 0 when it has none. */
  public int version(String component) {
    return transaction(c -> version(c, component));
  }

  /**
   * A pooled connection for a caller that must hold it (a stream being read): the caller closes.
   */
  Connection borrow() throws SQLException {
    return pool.getConnection();
  }

  /**
   * A connection of its own, outside the pool, for a session that must last (LISTEN): the caller
   * closes it.
   */
  Connection dedicated() throws SQLException {
    return connect(url, schema);
  }

  /**
   * A connection to {@code schema} of {@code url}'s database outside any pool, named as this
   * process's sessions are: the caller closes it.
   */
  public static Connection connect(PostgresUrl url, String schema) throws SQLException {
    return connect(url, schema, new java.util.Properties());
  }

  /** {@link #connect(PostgresUrl, String)} with more of the driver's properties. */
  public static Connection connect(PostgresUrl url, String schema, java.util.Properties more)
      throws SQLException {
    java.util.Properties p = new java.util.Properties();
    p.putAll(more);
    p.setProperty("user", url.user());
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", APPLICATION_NAME);
    p.setProperty("currentSchema", schema);
    return java.sql.DriverManager.getConnection(url.jdbcUrl(), p);
  }

  /**
   * The name of this schema's notification channel {@code name}: channels are the database's, so
   * two schemas' stores never hear each other's changes.
   */
  public String channel(String name) {
    return schema.equals("public") ? "outlet_" + name : schema + "_" + name;
  }

  /** Where this database is, without its password. */
  public String address() {
    return address;
  }

  /** How long a close waits for the pool to end its connections. */
  static final long CLOSE_WAIT_MILLIS = 2_000;

  /**
   * Closes the pool, waiting at most {@link #CLOSE_WAIT_MILLIS}: with the database out of reach the
   * pool would wait for its connection attempts and the connections in use (seconds each), and a
   * node stopping would take tens of seconds; the rest ends with the process.
   */
  @Override
  public void close() {
    Thread closing = Thread.ofPlatform().daemon().name("outlet-store-close").start(pool::close);
    try {
      closing.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int version(Connection c, String component) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT version FROM outlet_schema WHERE component = ?")) {
      q.setString(1, component);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  private static Void ensureSchemaTable(Connection c, String schema) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)");
        Statement s = c.createStatement()) {
      lock.setLong(1, MIGRATION_LOCK);
      lock.execute();
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      s.execute(
          "CREATE TABLE IF NOT EXISTS outlet_schema"
              + " (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    }
    return null;
  }

  /**
   * A failure as a caller reads it, saying first whether the database is out of reach: no
   * connection could be had (with the driver's reason: the pool's own words only say it waited), or
   * the one in use was cut (SQL state class 08, or a socket's failure under it).
   */
  private StorageException failed(SQLException e) {
    String why;
    if (e instanceof java.sql.SQLTransientConnectionException && e.getCause() != null) {
      why = "no connection (" + e.getCause().getMessage() + ")";
    } else if ((e.getSQLState() != null && e.getSQLState().startsWith("08")) || cutOff(e)) {
      why = "connection lost (" + e.getMessage() + ")";
    } else {
      why = e.getMessage();
    }
    return new StorageException("the store " + address + " failed: " + why, e);
  }

  /** Whether the connection's socket failed under {@code e} (reset, closed, broken pipe). */
  private static boolean cutOff(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
