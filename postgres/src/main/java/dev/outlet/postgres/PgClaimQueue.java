package dev.outlet.postgres;

import dev.outlet.storage.SqlClaimQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SqlClaimQueue} shared by the nodes of a cluster: claimers lock the rows they take with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at once pass over each other's rows instead of
 * waiting for them, and never take the same row.
 */
public final class PgClaimQueue extends SqlClaimQueue {
  static final String COMPONENT = "claims";
  static final List<List<String>> MIGRATIONS = List.of(migration());

  private final PgDatabase db;

  private PgClaimQueue(PgDatabase db) {
    this.db = db;
  }

  /** The queue in {@code db}, its table created or migrated first. */
  public static PgClaimQueue open(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgClaimQueue(db);
  }

  private static List<String> migration() {
    List<String> m = new ArrayList<>(table("BYTEA"));
    m.add("CREATE SEQUENCE claims_seq");
    return m;
  }

  @Override
  protected String lockClause() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  protected String nextSeq() {
    return "nextval('claims_seq')";
  }

  @Override
  protected <T> T single(Work<T> work) {
    return db.single(work::run);
  }

  @Override
  protected <T> T inTransaction(Work<T> work) {
    return db.transaction(work::run);
  }

  /** The database belongs to whoever opened it. */
  @Override
  public void close() {}
}
