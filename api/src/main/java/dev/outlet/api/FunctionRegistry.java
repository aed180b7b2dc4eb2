package dev.outlet.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory view of every deployed function, so Invoke resolves a name without touching the
 * database. Written only by {@link FunctionService}, after the repository has made the change
 * durable; read by anyone.
 */
public final class FunctionRegistry {
  private final ConcurrentHashMap<String, Deployed> functions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Lineage> lineages = new ConcurrentHashMap<>();
  private final List<Consumer<String>> removalHooks = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> lineageHooks = new CopyOnWriteArrayList<>();

  public Optional<Deployed> find(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  void put(Deployed d) {
    functions.put(d.record().name(), d);
  }

  /** A function's versions and aliases ({@link Lineage#EMPTY} when it has none or is unknown). */
  public Lineage lineage(String name) {
    return lineages.getOrDefault(name, Lineage.EMPTY);
  }

  /**
   * A function's {@code $LATEST} or one of its published versions ("1", "2", ...), if both exist.
   */
  public Optional<Deployed> version(String name, String version) {
    return "$LATEST".equals(version) ? find(name) : lineage(name).version(version);
  }

  /**
   * What invoking {@code target} ("name" or "name:qualifier") runs now: {@code $LATEST}, a version,
   * or an alias's version (its weighted routing drawn here, per invocation).
   */
  public Optional<Deployed> invocable(String target) {
    int colon = target.indexOf(':');
    if (colon < 0) {
      return find(target);
    }
    String name = target.substring(0, colon);
    String q = target.substring(colon + 1);
    if (q.equals("$LATEST") || Lineage.number(q) != null) {
      return version(name, q);
    }
    return lineage(name)
        .alias(q)
        .flatMap(
            a ->
                version(
                    name,
                    AliasRouting.pick(
                        a, java.util.concurrent.ThreadLocalRandom.current().nextDouble())));
  }

  /** A version or alias was deleted: the removal hooks run with "name:qualifier". */
  void qualifierRemoved(String name, String qualifier) {
    removalHooks.forEach(h -> h.accept(name + ":" + qualifier));
  }

  /**
   * What {@code qualifier} of {@code name} names now without drawing an alias's routing: {@code
   * $LATEST}, a version, or an alias's primary version.
   */
  public Optional<Deployed> invocableWithoutRouting(String name, String qualifier) {
    if (qualifier.equals("$LATEST") || Lineage.number(qualifier) != null) {
      return version(name, qualifier);
    }
    return lineage(name).alias(qualifier).flatMap(a -> version(name, a.version()));
  }

  /**
   * Runs {@code hook} with the function's name after its versions or aliases changed (on the
   * control-plane thread that changed them, under its lock: the hook may block but must not call
   * the control plane).
   */
  public void onLineageChanged(Consumer<String> hook) {
    lineageHooks.add(hook);
  }

  void putLineage(String name, Lineage lineage) {
    lineages.put(name, lineage);
    lineageHooks.forEach(h -> h.accept(name));
  }

  void remove(String name) {
    functions.remove(name);
    lineages.remove(name);
    removalHooks.forEach(h -> h.accept(name));
  }

  /**
   * Runs {@code hook} with the function's name after each deletion, and with "name:qualifier" after
   * a version or alias is deleted (on the deleting control-plane thread, a virtual thread: the hook
   * may block), so what hangs off a function (its Function URL) goes with it.
   */
  public void onRemoved(Consumer<String> hook) {
    removalHooks.add(hook);
  }

  /** All functions, ordered by name (ListFunctions order). */
  public List<Deployed> all() {
    List<Deployed> list = new ArrayList<>(functions.values());
    list.sort(Comparator.comparing(d -> d.record().name()));
    return list;
  }

  public int size() {
    return functions.size();
  }
}
