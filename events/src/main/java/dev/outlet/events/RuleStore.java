package dev.outlet.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.DefinitionStore.Change;
import dev.outlet.storage.SqliteDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event buses, rules and their targets in the region's definitions ({@code eventbridge}: on one
 * machine {@code <dataDir>/eventbridge.db}; in a cluster, shared by the nodes), with an in-memory
 * copy.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Durable: a method returns after its write committed, and only then changes the in-memory
 *       copy. A write of several documents (a rule deleted with its targets) is all or nothing.
 *   <li>Thread-safe: every method is synchronized on the store (control plane, not a hot path);
 *       {@link #all} returns an immutable snapshot the scheduler and PutEvents read without the
 *       lock. Another node's write reloads the copy ({@link DefinitionStore#onChanged}).
 *   <li>Blocking: call off event loops.
 *   <li>Rules are named within their bus; the methods without a bus act on the default bus. The
 *       {@code events.db} of an earlier Outlet (with or without buses) is taken in when the store
 *       is opened, then renamed {@code events.db.imported}.
 * </ol>
 */
public final class RuleStore implements AutoCloseable {
  /** The definitions' name. */
  public static final String DEFINITIONS = "eventbridge";

  static final String FILE = LegacyRuleFile.FILE;
  private static final Logger LOG = LoggerFactory.getLogger(RuleStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUS = "bus";
  private static final String RULE = "rule";
  private static final String TARGET = "target";

  /** A custom event bus. */
  public record Bus(String name, String description, Instant created) {}

  private record BusDoc(
      @JsonProperty("Description") String description, @JsonProperty("CreatedMs") long createdMs) {}

  private record RuleDoc(
      @JsonProperty("Expression") String expression,
      @JsonProperty("Pattern") String pattern,
      @JsonProperty("Enabled") boolean enabled,
      @JsonProperty("Description") String description,
      @JsonProperty("AnchorMs") long anchorMs) {}

  private record TargetDoc(
      @JsonProperty("Arn") String arn,
      @JsonProperty("Input") String input,
      @JsonProperty("InputPath") String inputPath,
      @JsonProperty("InputTransformer") String transformer) {}

  private final DefinitionStore defs;
  private final TreeMap<String, Rule> rules = new TreeMap<>();
  private final TreeMap<String, Bus> buses = new TreeMap<>();
  private volatile List<Rule> snapshot = List.of();

  private RuleStore(DefinitionStore defs) {
    this.defs = defs;
  }

  /** One machine's store: {@code <dataDir>/eventbridge.db}. */
  public static RuleStore open(Path dataDir) {
    return open(SqliteDefinitions.open(dataDir.resolve(DEFINITIONS + ".db")), dataDir);
  }

  /**
   * The store over {@code defs} (which it then owns), first taking in the {@code events.db} an
   * earlier Outlet left in {@code dataDir}.
   */
  public static RuleStore open(DefinitionStore defs, Path dataDir) {
    RuleStore store = new RuleStore(defs);
    try {
      Path legacy = dataDir.resolve(FILE);
      if (Files.exists(legacy)) {
        List<Change> docs = LegacyRuleFile.read(legacy);
        if (!docs.isEmpty()) {
          defs.write(docs);
        }
        Files.move(legacy, legacy.resolveSibling(FILE + ".imported"));
        LOG.info("took {} EventBridge definitions from {}", docs.size(), legacy);
      }
      store.reload();
      defs.onChanged(store::reload);
      return store;
    } catch (IOException | RuntimeException e) {
      defs.close();
      throw new IllegalStateException("cannot open the EventBridge rules: " + e.getMessage(), e);
    }
  }

  /** Reads every bus, rule and target again (at open, and after another node's write). */
  synchronized void reload() {
    Map<String, List<Rule.Target>> targets = new TreeMap<>();
    List<Rule> read = new ArrayList<>();
    TreeMap<String, Bus> nextBuses = new TreeMap<>();
    for (DefinitionStore.Doc d : defs.loadAll()) {
      switch (d.kind()) {
        case BUS -> {
          BusDoc b = read(d.json(), BusDoc.class);
          nextBuses.put(
              d.id(), new Bus(d.id(), b.description(), Instant.ofEpochMilli(b.createdMs())));
        }
        case RULE -> {
          RuleDoc r = read(d.json(), RuleDoc.class);
          read.add(
              new Rule(
                  d.parent(),
                  d.id(),
                  r.expression(),
                  r.pattern(),
                  r.enabled(),
                  r.description(),
                  Instant.ofEpochMilli(r.anchorMs()),
                  List.of()));
        }
        case TARGET -> {
          TargetDoc t = read(d.json(), TargetDoc.class);
          targets
              .computeIfAbsent(d.parent(), k -> new ArrayList<>())
              .add(
                  new Rule.Target(
                      d.id(), t.arn(), t.input(), t.inputPath(), transformer(t.transformer())));
        }
        default -> LOG.warn("an EventBridge definition of unknown kind {} is ignored", d.kind());
      }
    }
    rules.clear();
    for (Rule r : read) {
      String key = key(r.bus(), r.name());
      List<Rule.Target> ts = new ArrayList<>(targets.getOrDefault(key, List.of()));
      ts.sort(java.util.Comparator.comparing(Rule.Target::id));
      rules.put(key, r.withTargets(ts));
    }
    buses.clear();
    buses.putAll(nextBuses);
    publish();
  }

  private static String key(String bus, String name) {
    return bus + "\n" + name;
  }

  static Change busDoc(Bus b) {
    return Change.put(
        BUS, "", b.name(), json(new BusDoc(b.description(), b.created().toEpochMilli())));
  }

  static Change ruleDoc(Rule r) {
    return Change.put(
        RULE,
        r.bus(),
        r.name(),
        json(
            new RuleDoc(
                r.expression(),
                r.pattern(),
                r.enabled(),
                r.description(),
                r.anchor().toEpochMilli())));
  }

  static Change targetDoc(String bus, String rule, Rule.Target t) {
    return Change.put(
        TARGET,
        key(bus, rule),
        t.id(),
        json(new TargetDoc(t.arn(), t.input(), t.inputPath(), json(t.transformer()))));
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
    defs.write(List.of(ruleDoc(next)));
    rules.put(key(bus, name), next);
    publish();
    return next;
  }

  public void delete(String name) {
    delete(Rule.DEFAULT_BUS, name);
  }

  public synchronized void delete(String bus, String name) {
    List<Change> changes = new ArrayList<>();
    Rule r = rules.get(key(bus, name));
    if (r != null) {
      r.targets().forEach(t -> changes.add(Change.delete(TARGET, key(bus, name), t.id())));
    }
    changes.add(Change.delete(RULE, bus, name));
    defs.write(changes);
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
    defs.write(add.stream().map(t -> targetDoc(bus, rule, t)).toList());
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
    defs.write(ids.stream().map(id -> Change.delete(TARGET, key(bus, rule), id)).toList());
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

  /**
   * Creates a custom bus.
   *
   * @throws DefinitionStore.Exists when it exists (made by another node since this one loaded)
   */
  public synchronized Bus createBus(String name, String description, Instant at) {
    Bus bus = new Bus(name, description, at);
    Change put = busDoc(bus);
    defs.write(List.of(Change.create(put.kind(), put.parent(), put.id(), put.json())));
    buses.put(name, bus);
    return bus;
  }

  /** Deletes a custom bus with its rules and their targets. */
  public synchronized void deleteBus(String name) {
    List<Change> changes = new ArrayList<>();
    for (Rule r : rules.values()) {
      if (r.bus().equals(name)) {
        r.targets().forEach(t -> changes.add(Change.delete(TARGET, key(name, r.name()), t.id())));
        changes.add(Change.delete(RULE, name, r.name()));
      }
    }
    changes.add(Change.delete(BUS, "", name));
    defs.write(changes);
    buses.remove(name);
    rules.values().removeIf(r -> r.bus().equals(name));
    publish();
  }

  private void publish() {
    snapshot = List.copyOf(rules.values());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an EventBridge definition: " + e.getMessage(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an EventBridge definition cannot be read: " + e, e);
    }
  }

  private static String json(Rule.InputTransformer t) {
    if (t == null) {
      return null;
    }
    return json(Map.of("paths", t.inputPathsMap(), "template", t.inputTemplate()));
  }

  static Rule.InputTransformer transformer(String json) {
    if (json == null) {
      return null;
    }
    try {
      Map<String, Object> m = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      @SuppressWarnings("unchecked")
      Map<String, String> paths = (Map<String, String>) m.get("paths");
      return new Rule.InputTransformer(paths, (String) m.get("template"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a target's InputTransformer: " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    defs.close();
  }
}
