package dev.outlet.storage;

import dev.outlet.core.ClaimQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ClaimQueue} over SQL, written once for both engines: one {@code claims} table, an item
 * per row with its owner and lease end (epoch milliseconds, 0 when free). An engine gives a
 * connection in a transaction ({@link #inTransaction}) and how it locks the rows it is about to
 * claim: SQLite's writer lock already orders claimers; PostgreSQL adds {@code FOR UPDATE SKIP
 * LOCKED}, so concurrent claimers on several nodes pass over each other's rows instead of waiting.
 */
public abstract class SqlClaimQueue implements ClaimQueue {
  /** The table and its index; {@code blobType} is the dialect's (BLOB, BYTEA). */
  protected static List<String> table(String blobType) {
    return List.of(
        "CREATE TABLE claims (queue TEXT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT NULL, body "
            + blobType
            + " NOT NULL, owner TEXT NOT NULL DEFAULT '', lease_until BIGINT NOT NULL DEFAULT 0,"
            + " claims INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (queue, id))",
        "CREATE INDEX claims_free ON claims (queue, lease_until, seq)");
  }

  /** Work on one connection inside a transaction. */
  @FunctionalInterface
  protected interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in a committed transaction; a storage fault is a StorageException. */
  protected abstract <T> T inTransaction(Work<T> work);

  /** What follows the candidates' SELECT to lock them for this claimer ("" or a locking clause). */
  protected abstract String lockClause();

  /** The SQL expression of the next sequence number of an added item (oldest first). */
  protected abstract String nextSeq();

  /**
   * Runs {@code work}, one statement, committed with it. The default is {@link #inTransaction}; an
   * engine whose explicit transaction costs a round trip more overrides it.
   */
  protected <T> T single(Work<T> work) {
    return inTransaction(work);
  }

  @Override
  public void add(String queue, String id, byte[] body) {
    single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO claims (queue, id, seq, body) VALUES (?, ?, "
                      + nextSeq()
                      + ", ?) ON CONFLICT (queue, id) DO NOTHING")) {
            s.setString(1, queue);
            s.setString(2, id);
            s.setBytes(3, body);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void addClaimed(
      String queue, String id, byte[] body, String owner, Instant now, Duration lease) {
    single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO claims (queue, id, seq, body, owner, lease_until, claims) VALUES"
                      + " (?, ?, "
                      + nextSeq()
                      + ", ?, ?, ?, 1) ON CONFLICT (queue, id) DO NOTHING")) {
            s.setString(1, queue);
            s.setString(2, id);
            s.setBytes(3, body);
            s.setString(4, owner);
            s.setLong(5, now.plus(lease).toEpochMilli());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public List<Claimed> claim(String queue, String owner, int max, Instant now, Duration lease) {
    long at = now.toEpochMilli();
    long until = now.plus(lease).toEpochMilli();
    return inTransaction(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id FROM claims WHERE queue = ? AND lease_until <= ? ORDER BY seq LIMIT ?"
                      + lockClause())) {
            s.setString(1, queue);
            s.setLong(2, at);
            s.setInt(3, max);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                ids.add(r.getString(1));
              }
            }
          }
          List<Claimed> out = new ArrayList<>(ids.size());
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE claims SET owner = ?, lease_until = ?, claims = claims + 1"
                      + " WHERE queue = ? AND id = ? RETURNING body, claims")) {
            for (String id : ids) {
              s.setString(1, owner);
              s.setLong(2, until);
              s.setString(3, queue);
              s.setString(4, id);
              try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                  out.add(new Claimed(id, r.getBytes(1), r.getInt(2)));
                }
              }
            }
          }
          return out;
        });
  }

  /** Also false when the owner's lease already ran out: the item may be another's by now. */
  @Override
  public boolean renew(String queue, String id, String owner, Instant now, Duration lease) {
    return update(
            "UPDATE claims SET lease_until = ? WHERE queue = ? AND id = ? AND owner = ?"
                + " AND lease_until > ?",
            now.plus(lease).toEpochMilli(),
            queue,
            id,
            owner,
            now.toEpochMilli())
        == 1;
  }

  @Override
  public int renewAll(String queue, String owner, Instant now, Duration lease) {
    return update(
        "UPDATE claims SET lease_until = ? WHERE queue = ? AND owner = ? AND lease_until > ?",
        now.plus(lease).toEpochMilli(),
        queue,
        owner,
        now.toEpochMilli());
  }

  @Override
  public int releaseAll(String queue, String owner) {
    return update(
        "UPDATE claims SET owner = '', lease_until = 0 WHERE queue = ? AND owner = ?",
        queue,
        owner);
  }

  @Override
  public boolean settle(String queue, String id, String owner) {
    return update("DELETE FROM claims WHERE queue = ? AND id = ? AND owner = ?", queue, id, owner)
        == 1;
  }

  @Override
  public boolean release(String queue, String id, String owner) {
    return update(
            "UPDATE claims SET owner = '', lease_until = 0 WHERE queue = ? AND id = ?"
                + " AND owner = ?",
            queue,
            id,
            owner)
        == 1;
  }

  @Override
  public int size(String queue) {
    return single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT count(*) FROM claims WHERE queue = ?")) {
            s.setString(1, queue);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        });
  }

  private int update(String sql, Object... parameters) {
    return single(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            SqlParameters.bind(s, parameters);
            return s.executeUpdate();
          }
        });
  }
}
