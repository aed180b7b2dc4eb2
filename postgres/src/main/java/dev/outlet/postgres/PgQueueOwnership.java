package dev.outlet.postgres;

import dev.outlet.core.QueueOwnership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A region's {@link QueueOwnership} in its schema: the lead is a {@link PgLeader} (an advisory
 * lock), the owner and its epoch one row of {@code queue_owner}, the outbox {@code queue_outbox}.
 * The queues' own tables ({@code queues}, {@code messages}, ...) are the {@code sqs} component's,
 * migrated by the owner when it connects; {@link #exists} reads {@code queues} once they are.
 */
public final class PgQueueOwnership implements QueueOwnership {
  static final String COMPONENT = "queue_owner";

  /** How often a node checks its lead, or tries to take it. */
  static final Duration CHECK = Duration.ofSeconds(1);

  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE queue_owner (id INTEGER PRIMARY KEY CHECK (id = 1),"
                  + " epoch BIGINT NOT NULL, node TEXT NOT NULL, address TEXT NOT NULL,"
                  + " taken TIMESTAMPTZ NOT NULL DEFAULT now())",
              "CREATE TABLE queue_outbox (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                  + " queue_arn TEXT NOT NULL, payload TEXT NOT NULL,"
                  + " posted TIMESTAMPTZ NOT NULL DEFAULT now())"));

  private final PgDatabase db;
  private final PgLeader leader;

  private PgQueueOwnership(PgDatabase db, PgLeader leader) {
    this.db = db;
    this.leader = leader;
  }

  /** Starts competing for the queues of {@code db}'s schema. */
  static PgQueueOwnership start(PgDatabase db, String schema) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgQueueOwnership(db, PgLeader.start(db, role(schema), CHECK));
  }

  /** The lead a region's nodes compete for, by its schema. */
  public static String role(String schema) {
    return "queues:" + schema;
  }

  @Override
  public boolean leads() {
    return leader.leads();
  }

  @Override
  public long take(String node, String address) {
    return db.single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO queue_owner (id, epoch, node, address) VALUES (1, 1, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET epoch = queue_owner.epoch + 1,"
                      + " node = excluded.node, address = excluded.address, taken = now()"
                      + " RETURNING epoch")) {
            s.setString(1, node);
            s.setString(2, address);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  @Override
  public void fence(Connection c, long epoch) throws SQLException {
    // takes the row's lock until the transaction ends: a take-over waits for this write, and a
    // write after a take-over finds the new epoch
    try (PreparedStatement s =
        c.prepareStatement("UPDATE queue_owner SET epoch = epoch WHERE id = 1 AND epoch = ?")) {
      s.setLong(1, epoch);
      if (s.executeUpdate() != 1) {
        throw new SQLException("another node owns the region's queues now (epoch " + epoch + ")");
      }
    }
  }

  @Override
  public Optional<String> owner() {
    return db.single(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT address FROM queue_owner WHERE id = 1");
              ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
          }
        });
  }

  @Override
  public Connection connect(String component, List<List<String>> migrations) throws SQLException {
    db.migrate(component, migrations);
    return db.dedicated();
  }

  @Override
  public boolean exists(String name) {
    return db.single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
                      + " AND tablename = 'queues')")) {
            try (ResultSet r = s.executeQuery()) {
              r.next();
              if (!r.getBoolean(1)) {
                return false; // no owner has connected yet: no queue was ever made
              }
            }
          }
          try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM queues WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  @Override
  public void post(String queueArn, String payload) {
    db.update("INSERT INTO queue_outbox (queue_arn, payload) VALUES (?, ?)", queueArn, payload);
  }

  @Override
  public List<Posted> posted(int max) {
    return db.single(
        c -> {
          List<Posted> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, queue_arn, payload FROM queue_outbox ORDER BY id LIMIT ?")) {
            s.setInt(1, max);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(new Posted(r.getLong(1), r.getString(2), r.getString(3)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void remove(long id) {
    db.update("DELETE FROM queue_outbox WHERE id = ?", id);
  }

  @Override
  public void close() {
    leader.close();
  }
}
