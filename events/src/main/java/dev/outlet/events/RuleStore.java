package dev.outlet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.storage.DurableSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Event buses, rules and their targets in {@code <dataDir>/events.db}, with an in-memory copy.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: WAL with {@code synchronous=FULL}; a method returns after its transaction
 *       committed, and only then changes the in-memory copy.
 *   <li>Thread-safe: every method is synchronized on the store (control plane, not a hot path);
 *       {@link #all} returns an immutable snapshot the scheduler and PutEvents read without the
 *       lock.
 *   <li>Blocking: call off event loops.
 *   <li>Rules are named within their bus; the methods without a bus act on the default bus. A store
 *       written before buses existed (one table of rules by name) is moved to the default bus when
 *       opened.
 * </ol>
 */
public final class RuleStore implements AutoCloseable {
  static final String FILE = "events.db";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A custom event bus. */
  public record Bus(String name, String description, Instant created) {}

  private final Connection db;
  private final TreeMap<String, Rule> rules = new TreeMap<>();
  private final TreeMap<String, Bus> buses = new TreeMap<>();
  private volatile List<Rule> snapshot = List.of();

  private RuleStore(Connection db) {
    this.db = db;
  }

  public static RuleStore open(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Connection db =
        DurableSqlite.open(
            file,
            List.of(
                "CREATE TABLE IF NOT EXISTS rules (bus TEXT NOT NULL, name TEXT NOT NULL,"
                    + " expression TEXT, pattern TEXT, enabled INTEGER NOT NULL, description TEXT,"
                    + " anchor_ms INTEGER NOT NULL, PRIMARY KEY (bus, name))",
                "CREATE TABLE IF NOT EXISTS targets (bus TEXT NOT NULL, rule TEXT NOT NULL,"
                    + " id TEXT NOT NULL, arn TEXT NOT NULL, input TEXT, input_path TEXT,"
                    + " input_transformer TEXT, PRIMARY KEY (bus, rule, id))",
                "CREATE TABLE IF NOT EXISTS buses (name TEXT PRIMARY KEY, description TEXT,"
                    + " created_ms INTEGER NOT NULL)"));
    RuleStore store = new RuleStore(db);
    try {
      store.migrate();
      store.load();
      return store;
    } catch (SQLException | RuntimeException e) {
      DurableSqlite.closeQuietly(db);
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Moves the rules and targets of a store made before buses existed to the default bus. */
  private void migrate() throws SQLException {
    boolean old = false;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("PRAGMA table_info(rules)")) {
      boolean bus = false;
      while (r.next()) {
        bus |= r.getString("name").equals("bus");
      }
      old = !bus;
    }
    if (!old) {
      return;
    }
    transaction(
        () -> {
          update("ALTER TABLE rules RENAME TO rules_v1");
          update("ALTER TABLE targets RENAME TO targets_v1");
          update(
              "CREATE TABLE rules (bus TEXT NOT NULL, name TEXT NOT NULL, expression TEXT,"
                  + " pattern TEXT, enabled INTEGER NOT NULL, description TEXT,"
                  + " anchor_ms INTEGER NOT NULL, PRIMARY KEY (bus, name))");
          update(
              "CREATE TABLE targets (bus TEXT NOT NULL, rule TEXT NOT NULL, id TEXT NOT NULL,"
                  + " arn TEXT NOT NULL, input TEXT, input_path TEXT, input_transformer TEXT,"
                  + " PRIMARY KEY (bus, rule, id))");
          update(
              "INSERT INTO rules SELECT 'default', name, expression, NULL, enabled, description,"
                  + " anchor_ms FROM rules_v1");
          update(
              "INSERT INTO targets SELECT 'default', rule, id, arn, input, NULL, NULL"
                  + " FROM targets_v1");
          update("DROP TABLE rules_v1");
          update("DROP TABLE targets_v1");
        });
  }

  private synchronized void load() throws SQLException {
    Map<String, List<Rule.Target>> targets = new TreeMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT bus, rule, id, arn, input, input_path, input_transformer FROM targets"
                    + " ORDER BY bus, rule, id")) {
      while (r.next()) {
        targets
            .computeIfAbsent(key(r.getString(1), r.getString(2)), k -> new ArrayList<>())
            .add(
                new Rule.Target(
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6),
                    transformer(r.getString(7))));
      }
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT bus, name, expression, pattern, enabled, description, anchor_ms"
                    + " FROM rules")) {
      while (r.next()) {
        String key = key(r.getString(1), r.getString(2));
        rules.put(
            key,
            new Rule(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getInt(5) != 0,
                r.getString(6),
                Instant.ofEpochMilli(r.getLong(7)),
                targets.getOrDefault(key, List.of())));
      }
    }
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT name, description, created_ms FROM buses")) {
      while (r.next()) {
        buses.put(
            r.getString(1),
            new Bus(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
      }
    }
    publish();
  }

  private static String key(String bus, String name) {
    return bus + "\n" + name;
  }

  /** Every rule of every bus (an immutable snapshot, by bus then name). */
  public List<Rule> all() {
    return snapshot;
  }

  /** A rule of the default bus. */
  public Optional<Rule> find(String name) {
    return find(Rule.DEFAULT_BUS, name);
  }

  public synchronized Optional<Rule> find(String bus, String name) {
    return Optional.ofNullable(rules.get(key(bus, name)));
  }

  /** Creates or replaces a scheduled rule of the default bus, keeping its targets. */
  public Rule put(
      String name, String expression, boolean enabled, String description, Instant anchor) {
    return put(Rule.DEFAULT_BUS, name, expression, null, enabled, description, anchor);
  }

  /** Creates or replaces a rule's settings, keeping its targets. */
  public synchronized Rule put(
      String bus,
      String name,
      String expression,
      String pattern,
      boolean enabled,
      String description,
      Instant anchor) {
    Rule old = rules.get(key(bus, name));
    Rule next =
        new Rule(
            bus,
            name,
            expression,
            pattern,
            enabled,
            description,
            anchor,
            old == null ? List.of() : old.targets());
    update(
        "INSERT INTO rules (bus, name, expression, pattern, enabled, description, anchor_ms)"
            + " VALUES (?,?,?,?,?,?,?) ON CONFLICT(bus, name) DO UPDATE SET"
            + " expression = excluded.expression, pattern = excluded.pattern,"
            + " enabled = excluded.enabled, description = excluded.description,"
            + " anchor_ms = excluded.anchor_ms",
        bus,
        name,
        expression,
        pattern,
        enabled ? 1 : 0,
        description,
        anchor.toEpochMilli());
    rules.put(key(bus, name), next);
    publish();
    return next;
  }

  public void delete(String name) {
    delete(Rule.DEFAULT_BUS, name);
  }

  public synchronized void delete(String bus, String name) {
    transaction(
        () -> {
          update("DELETE FROM targets WHERE bus = ? AND rule = ?", bus, name);
          update("DELETE FROM rules WHERE bus = ? AND name = ?", bus, name);
        });
    rules.remove(key(bus, name));
    publish();
  }

  public Rule putTargets(String rule, List<Rule.Target> add) {
    return putTargets(Rule.DEFAULT_BUS, rule, add);
  }

  /** Adds or replaces targets (by id) in one transaction. */
  public synchronized Rule putTargets(String bus, String rule, List<Rule.Target> add) {
    Rule r = rules.get(key(bus, rule));
    TreeMap<String, Rule.Target> byId = new TreeMap<>();
    r.targets().forEach(t -> byId.put(t.id(), t));
    add.forEach(t -> byId.put(t.id(), t));
    transaction(
        () -> {
          for (Rule.Target t : add) {
            update(
                "INSERT OR REPLACE INTO targets (bus, rule, id, arn, input, input_path,"
                    + " input_transformer) VALUES (?,?,?,?,?,?,?)",
                bus,
                rule,
                t.id(),
                t.arn(),
                t.input(),
                t.inputPath(),
                json(t.transformer()));
          }
        });
    Rule next = r.withTargets(List.copyOf(byId.values()));
    rules.put(key(bus, rule), next);
    publish();
    return next;
  }

  public Rule removeTargets(String rule, List<String> ids) {
    return removeTargets(Rule.DEFAULT_BUS, rule, ids);
  }

  public synchronized Rule removeTargets(String bus, String rule, List<String> ids) {
    Rule r = rules.get(key(bus, rule));
    transaction(
        () -> {
          for (String id : ids) {
            update("DELETE FROM targets WHERE bus = ? AND rule = ? AND id = ?", bus, rule, id);
          }
        });
    Rule next = r.withTargets(r.targets().stream().filter(t -> !ids.contains(t.id())).toList());
    rules.put(key(bus, rule), next);
    publish();
    return next;
  }

  /** The custom buses, by name (the default bus is not stored). */
  public synchronized List<Bus> buses() {
    return List.copyOf(buses.values());
  }

  public synchronized Optional<Bus> bus(String name) {
    return Optional.ofNullable(buses.get(name));
  }

  public synchronized Bus createBus(String name, String description, Instant at) {
    update(
        "INSERT INTO buses (name, description, created_ms) VALUES (?,?,?)",
        name,
        description,
        at.toEpochMilli());
    Bus bus = new Bus(name, description, at);
    buses.put(name, bus);
    return bus;
  }

  /** Deletes a custom bus with its rules and their targets. */
  public synchronized void deleteBus(String name) {
    transaction(
        () -> {
          update("DELETE FROM targets WHERE bus = ?", name);
          update("DELETE FROM rules WHERE bus = ?", name);
          update("DELETE FROM buses WHERE name = ?", name);
        });
    buses.remove(name);
    rules.values().removeIf(r -> r.bus().equals(name));
    publish();
  }

  private void publish() {
    snapshot = List.copyOf(rules.values());
  }

  private static String json(Rule.InputTransformer t) {
    if (t == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(
          Map.of("paths", t.inputPathsMap(), "template", t.inputTemplate()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("events.db: " + e.getMessage(), e);
    }
  }

  private static Rule.InputTransformer transformer(String json) {
    if (json == null) {
      return null;
    }
    try {
      Map<String, Object> m = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      @SuppressWarnings("unchecked")
      Map<String, String> paths = (Map<String, String>) m.get("paths");
      return new Rule.InputTransformer(paths, (String) m.get("template"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("events.db: a target's InputTransformer: " + e, e);
    }
  }

  private void transaction(Runnable work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("events.db: " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("events.db: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing left to protect
    }
  }
}
