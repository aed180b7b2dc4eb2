package dev.outlet.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.NodeRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link NodeRegistry} of a cluster in its database: one row per node, times as epoch
 * milliseconds. Every call is one statement in its own transaction.
 */
public final class PgNodeRegistry implements NodeRegistry {
  static final String COMPONENT = "nodes";
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE nodes (id TEXT PRIMARY KEY, address TEXT NOT NULL,"
                  + " capacity INTEGER NOT NULL, state TEXT NOT NULL, started BIGINT NOT NULL,"
                  + " heartbeat BIGINT NOT NULL)"),
          List.of(
              "ALTER TABLE nodes ADD COLUMN running INTEGER NOT NULL DEFAULT 0",
              "ALTER TABLE nodes ADD COLUMN warm TEXT NOT NULL DEFAULT '{}'"),
          List.of("ALTER TABLE nodes ADD COLUMN idle TEXT NOT NULL DEFAULT '{}'"),
          List.of("ALTER TABLE nodes ADD COLUMN provisioned TEXT NOT NULL DEFAULT '{}'"),
          List.of("ALTER TABLE nodes ADD COLUMN process TEXT NOT NULL DEFAULT ''"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Integer>> WARM = new TypeReference<>() {};

  private final PgDatabase db;

  private PgNodeRegistry(PgDatabase db) {
    this.db = db;
  }

  /** The registry in {@code db}, its table created or migrated first. */
  public static PgNodeRegistry open(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgNodeRegistry(db);
  }

  @Override
  public void join(String id, String address, int capacity, Instant now) {
    update(
        "INSERT INTO nodes (id, address, capacity, state, started, heartbeat, process)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        address,
        capacity,
        State.ACTIVE.name(),
        now.toEpochMilli(),
        now.toEpochMilli(),
        PgDatabase.APPLICATION_NAME);
  }

  /**
   * The node leading {@code role} now: the one whose process's session holds the role's advisory
   * lock ({@link PgLeader}), found in {@code pg_locks} by the session's application name, which the
   * node's row records; empty while nobody holds it (a leader's session ended and another node has
   * not taken the lead yet) or when the holder is no node of this registry.
   */
  public java.util.Optional<String> leader(String role) {
    long key = PgLeader.key(role);
    return db.single(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT n.id FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                      + " JOIN nodes n ON n.process = a.application_name"
                      + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                      + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                      + " AND l.database = (SELECT oid FROM pg_database"
                      + " WHERE datname = current_database())"
                      + " ORDER BY n.heartbeat DESC LIMIT 1")) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xffffffffL);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? java.util.Optional.of(r.getString(1)) : java.util.Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean heartbeat(String id, Instant now, Load load) {
    String warm;
    String idle;
    String provisioned;
    try {
      warm = JSON.writeValueAsString(load.warm());
      idle = JSON.writeValueAsString(load.idle());
      provisioned = JSON.writeValueAsString(load.provisioned());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of counts is always JSON", e);
    }
    return update(
            "UPDATE nodes SET heartbeat = GREATEST(heartbeat, ?), running = ?, warm = ?, idle = ?,"
                + " provisioned = ? WHERE id = ? AND state <> ?",
            now.toEpochMilli(),
            load.running(),
            warm,
            idle,
            provisioned,
            id,
            State.DOWN.name())
        == 1;
  }

  /** A load as stored; a value no node wrote (edited by hand) reads as no sandboxes. */
  private static Load load(int running, String warm, String idle, String provisioned) {
    return new Load(running, counts(warm), counts(idle), counts(provisioned));
  }

  private static Map<String, Integer> counts(String json) {
    try {
      Map<String, Integer> m = JSON.readValue(json, WARM);
      m.values().removeIf(v -> v == null || v < 0);
      return m;
    } catch (JsonProcessingException | RuntimeException e) {
      return Map.of();
    }
  }

  @Override
  public boolean transition(String id, State from, State to) {
    return update(
            "UPDATE nodes SET state = ? WHERE id = ? AND state = ?", to.name(), id, from.name())
        == 1;
  }

  @Override
  public boolean markDown(String id, Instant seen) {
    return update(
            "UPDATE nodes SET state = ? WHERE id = ? AND state <> ? AND heartbeat = ?",
            State.DOWN.name(),
            id,
            State.DOWN.name(),
            seen.toEpochMilli())
        == 1;
  }

  @Override
  public List<Node> nodes() {
    return db.single(
        c -> {
          List<Node> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, address, capacity, state, started, heartbeat, running, warm, idle,"
                          + " provisioned FROM nodes ORDER BY id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(
                  new Node(
                      r.getString(1),
                      r.getString(2),
                      r.getInt(3),
                      State.valueOf(r.getString(4)),
                      Instant.ofEpochMilli(r.getLong(5)),
                      Instant.ofEpochMilli(r.getLong(6)),
                      load(r.getInt(7), r.getString(8), r.getString(9), r.getString(10))));
            }
          }
          return out;
        });
  }

  @Override
  public void forget(String id) {
    update("DELETE FROM nodes WHERE id = ?", id);
  }

  private int update(String sql, Object... parameters) {
    return db.update(sql, parameters);
  }
}
