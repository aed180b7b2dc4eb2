package dev.outlet.events;

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
 * Scheduled rules and their targets in {@code <dataDir>/events.db}, with an in-memory copy.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: WAL with {@code synchronous=FULL}; a method returns after its transaction
 *       committed, and only then changes the in-memory copy.
 *   <li>Thread-safe: every method is synchronized on the store (control plane, not a hot path);
 *       {@link #all} returns an immutable snapshot the scheduler can read without the lock.
 *   <li>Blocking: call off event loops.
 * </ol>
 */
public final class RuleStore implements AutoCloseable {
  static final String FILE = "events.db";

  private final Connection db;
  private final TreeMap<String, Rule> rules = new TreeMap<>();
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
                "CREATE TABLE IF NOT EXISTS rules (name TEXT PRIMARY KEY, expression TEXT NOT NULL,"
                    + " enabled INTEGER NOT NULL, description TEXT, anchor_ms INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS targets (rule TEXT NOT NULL, id TEXT NOT NULL,"
                    + " arn TEXT NOT NULL, input TEXT, PRIMARY KEY (rule, id))"));
    RuleStore store = new RuleStore(db);
    try {
      store.load();
      return store;
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private synchronized void load() throws SQLException {
    Map<String, List<Rule.Target>> targets = new TreeMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT rule, id, arn, input FROM targets ORDER BY rule, id")) {
      while (r.next()) {
        targets
            .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
            .add(new Rule.Target(r.getString(2), r.getString(3), r.getString(4)));
      }
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT name, expression, enabled, description, anchor_ms FROM rules")) {
      while (r.next()) {
        String name = r.getString(1);
        rules.put(
            name,
            new Rule(
                name,
                r.getString(2),
                r.getInt(3) != 0,
                r.getString(4),
                Instant.ofEpochMilli(r.getLong(5)),
                targets.getOrDefault(name, List.of())));
      }
    }
    publish();
  }

  public List<Rule> all() {
    return snapshot;
  }

  public synchronized Optional<Rule> find(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  /** Creates or replaces a rule's settings, keeping its targets. */
  public synchronized Rule put(
      String name, String expression, boolean enabled, String description, Instant anchor) {
    Rule old = rules.get(name);
    Rule next =
        new Rule(
            name,
            expression,
            enabled,
            description,
            anchor,
            old == null ? List.of() : old.targets());
    update(
        "INSERT INTO rules (name, expression, enabled, description, anchor_ms) VALUES (?,?,?,?,?)"
            + " ON CONFLICT(name) DO UPDATE SET expression = excluded.expression,"
            + " enabled = excluded.enabled, description = excluded.description,"
            + " anchor_ms = excluded.anchor_ms",
        name,
        expression,
        enabled ? 1 : 0,
        description,
        anchor.toEpochMilli());
    rules.put(name, next);
    publish();
    return next;
  }

  public synchronized void delete(String name) {
    transaction(
        () -> {
          update("DELETE FROM targets WHERE rule = ?", name);
          update("DELETE FROM rules WHERE name = ?", name);
        });
    rules.remove(name);
    publish();
  }

  /** Adds or replaces targets (by id) in one transaction. */
  public synchronized Rule putTargets(String rule, List<Rule.Target> add) {
    Rule r = rules.get(rule);
    TreeMap<String, Rule.Target> byId = new TreeMap<>();
    r.targets().forEach(t -> byId.put(t.id(), t));
    add.forEach(t -> byId.put(t.id(), t));
    transaction(
        () -> {
          for (Rule.Target t : add) {
            update(
                "INSERT OR REPLACE INTO targets (rule, id, arn, input) VALUES (?,?,?,?)",
                rule,
                t.id(),
                t.arn(),
                t.input());
          }
        });
    Rule next = r.withTargets(List.copyOf(byId.values()));
    rules.put(rule, next);
    publish();
    return next;
  }

  public synchronized Rule removeTargets(String rule, List<String> ids) {
    Rule r = rules.get(rule);
    transaction(
        () -> {
          for (String id : ids) {
            update("DELETE FROM targets WHERE rule = ? AND id = ?", rule, id);
          }
        });
    Rule next = r.withTargets(r.targets().stream().filter(t -> !ids.contains(t.id())).toList());
    rules.put(rule, next);
    publish();
    return next;
  }

  private void publish() {
    snapshot = List.copyOf(rules.values());
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
