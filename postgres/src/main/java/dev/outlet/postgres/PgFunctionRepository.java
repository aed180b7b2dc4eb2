package dev.outlet.postgres;

import dev.outlet.storage.SqlFunctionRepository;
import dev.outlet.storage.SqlParameters;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The function repository on PostgreSQL: the same tables and statements as the SQLite repository
 * ({@link SqlFunctionRepository}), each call a transaction on a pooled connection.
 *
 * <p>Contract (the one {@code FunctionRepositoryContract} checks for both engines): every write
 * commits before the method returns; of two nodes creating the same function, the primary key lets
 * exactly one win and the other gets AWS's ResourceConflictException; updates are compare-and-set
 * on the revision id.
 */
public final class PgFunctionRepository extends SqlFunctionRepository {
  static final String COMPONENT = "functions";

  /** Migration {@code i} takes the tables from version {@code i} to {@code i + 1}. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          java.util.stream.Stream.concat(
                  FUNCTIONS_TABLE.stream(), VERSION_AND_ALIAS_TABLES.stream())
              .toList());

  private final PgDatabase db;

  /** This opener's mark on its notifications: its own writes need no reload. */
  private final String origin = java.util.UUID.randomUUID().toString();

  private PgFunctionRepository(PgDatabase db) {
    this.db = db;
  }

  /** The repository in {@code db}, its tables created or migrated first. */
  public static PgFunctionRepository open(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgFunctionRepository(db);
  }

  @Override
  protected String greatest() {
    return "GREATEST";
  }

  @Override
  protected <T> List<T> query(String sql, Row<T> row) {
    return db.single(
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

  /**
   * Calls {@code reload} after another node's write committed, and after the change feed was down
   * (when such writes may have gone unheard); returns once the feed listens.
   */
  public void watch(PgChanges changes, Runnable reload) {
    changes.follow(db.channel(COMPONENT), payload -> !payload.equals(origin), reload);
  }

  /** One statement, autocommitted with its notification: one round trip. */
  @Override
  protected int update(String sql, Object... parameters) {
    return db.single(c -> notifying(c, sql, parameters));
  }

  /**
   * Every write tells the other nodes when it commits: the first statement (the one that decides
   * whether anything changed: the function's row, the version's) carries the notification.
   */
  @Override
  protected int[] transaction(List<Step> steps) {
    return db.transaction(
        c -> {
          int[] counts = new int[steps.size()];
          for (int i = 0; i < counts.length; i++) {
            Step step = steps.get(i);
            if (i == 0) {
              counts[i] = notifying(c, step.sql(), step.parameters());
            } else {
              try (PreparedStatement s = c.prepareStatement(step.sql())) {
                SqlParameters.bind(s, step.parameters());
                counts[i] = s.executeUpdate();
              }
            }
          }
          return counts;
        });
  }

  /**
   * Runs {@code sql} (an INSERT, UPDATE or DELETE) as a data-modifying {@code WITH} whose query
   * calls {@code pg_notify} only when it changed a row; the rows it changed.
   */
  private int notifying(java.sql.Connection c, String sql, Object[] parameters)
      throws java.sql.SQLException {
    Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 2);
    all[parameters.length] = db.channel(COMPONENT);
    all[parameters.length + 1] = origin;
    try (PreparedStatement s =
        c.prepareStatement(
            "WITH w AS ("
                + sql
                + " RETURNING 1), n AS (SELECT count(*) AS c FROM w)"
                + " SELECT c, pg_notify(?, ?) FROM n WHERE c > 0")) {
      SqlParameters.bind(s, all);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }
}
