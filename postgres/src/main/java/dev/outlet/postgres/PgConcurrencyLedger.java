package dev.outlet.postgres;

import dev.outlet.core.ConcurrencyLedger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ConcurrencyLedger} of a region in the cluster's database: a row per scope and node
 * with the node's grant and the end of its lease, in the database's clock (so the nodes' clocks
 * need not agree).
 *
 * <p>Growing a grant is one transaction of two statements: a transaction-level advisory lock named
 * after the scope, which orders the nodes growing in one scope (a race could otherwise let two read
 * the same total and overshoot together), then one upsert that sums the other nodes' live grants
 * and takes what the limit leaves. Renewing is one transaction for all of a node's scopes.
 */
public final class PgConcurrencyLedger implements ConcurrencyLedger {
  static final String COMPONENT = "concurrency";
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE concurrency_grants (scope TEXT NOT NULL, node TEXT NOT NULL,"
                  + " granted INTEGER NOT NULL, until TIMESTAMPTZ NOT NULL,"
                  + " PRIMARY KEY (scope, node))"));

  private static final String GROW =
      "WITH others AS (SELECT coalesce(sum(granted), 0) AS n FROM concurrency_grants"
          + " WHERE scope = ? AND node <> ? AND until > now())"
          + " INSERT INTO concurrency_grants (scope, node, granted, until)"
          + " SELECT ?, ?, greatest(0, least(?, ? - n)), now() + make_interval(secs => ?)"
          + " FROM others ON CONFLICT (scope, node)"
          + " DO UPDATE SET granted = excluded.granted, until = excluded.until RETURNING granted";

  private final PgDatabase db;
  private final String node;
  private final Duration lease;

  private PgConcurrencyLedger(PgDatabase db, String node, Duration lease) {
    this.db = db;
    this.node = node;
    this.lease = lease;
  }

  /** {@code node}'s ledger in {@code db}, its table created or migrated first. */
  public static PgConcurrencyLedger open(PgDatabase db, String node, Duration lease) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgConcurrencyLedger(db, node, lease);
  }

  @Override
  public int grow(String scope, int want, int limit) {
    long key = PgLeader.key(db.channel("grants") + ":" + scope);
    return db.transaction(
        c -> {
          try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            lock.executeQuery().close();
          }
          try (PreparedStatement s = c.prepareStatement(GROW)) {
            s.setString(1, scope);
            s.setString(2, node);
            s.setString(3, scope);
            s.setString(4, node);
            s.setInt(5, want);
            s.setInt(6, limit);
            s.setDouble(7, lease.toMillis() / 1000.0);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        });
  }

  @Override
  public Set<String> keep(Map<String, Integer> grants) {
    return db.transaction(
        c -> {
          if (!grants.isEmpty()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE concurrency_grants SET granted = ? WHERE scope = ? AND node = ?")) {
              for (Map.Entry<String, Integer> g : grants.entrySet()) {
                s.setInt(1, g.getValue());
                s.setString(2, g.getKey());
                s.setString(3, node);
                s.addBatch();
              }
              s.executeBatch();
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM concurrency_grants WHERE node = ? AND until <= now()")) {
            s.setString(1, node);
            s.executeUpdate();
          }
          Set<String> held = new HashSet<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE concurrency_grants SET until = now() + make_interval(secs => ?)"
                      + " WHERE node = ? RETURNING scope")) {
            s.setDouble(1, lease.toMillis() / 1000.0);
            s.setString(2, node);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                held.add(r.getString(1));
              }
            }
          }
          return held;
        });
  }

  @Override
  public Duration lease() {
    return lease;
  }

  /** Gives back this node's grants; the database belongs to whoever opened it. */
  @Override
  public void close() {
    db.update("DELETE FROM concurrency_grants WHERE node = ?", node);
  }
}
