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

  @Override
  protected int update(String sql, Object... parameters) {
    return db.update(sql, parameters);
  }

  @Override
  protected int[] transaction(List<Step> steps) {
    return db.transaction(
        c -> {
          int[] counts = new int[steps.size()];
          for (int i = 0; i < counts.length; i++) {
            try (PreparedStatement s = c.prepareStatement(steps.get(i).sql())) {
              SqlParameters.bind(s, steps.get(i).parameters());
              counts[i] = s.executeUpdate();
            }
          }
          return counts;
        });
  }
}
