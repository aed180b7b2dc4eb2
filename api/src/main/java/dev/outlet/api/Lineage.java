package dev.outlet.api;

import dev.outlet.core.AliasRecord;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A function's published versions and aliases, immutable: every change makes a new one, which the
 * control plane publishes to the {@link FunctionRegistry} after the repository committed it.
 *
 * @param versions the published versions by number
 * @param aliases the aliases by name
 * @param lastVersion the highest number ever published (deleted versions included)
 */
public record Lineage(
    NavigableMap<Integer, Deployed> versions,
    SortedMap<String, AliasRecord> aliases,
    int lastVersion) {

  public static final Lineage EMPTY = new Lineage(new TreeMap<>(), new TreeMap<>(), 0);

  public Lineage {
    versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
  }

  /** A published version by its number as written ("1"), if it exists. */
  public Optional<Deployed> version(String number) {
    Integer n = number(number);
    return n == null ? Optional.empty() : Optional.ofNullable(versions.get(n));
  }

  public Optional<AliasRecord> alias(String name) {
    return Optional.ofNullable(aliases.get(name));
  }

  Lineage withVersion(int number, Deployed d) {
    TreeMap<Integer, Deployed> next = new TreeMap<>(versions);
    next.put(number, d);
    return new Lineage(next, aliases, Math.max(lastVersion, number));
  }

  Lineage withoutVersion(int number) {
    TreeMap<Integer, Deployed> next = new TreeMap<>(versions);
    next.remove(number);
    return new Lineage(next, aliases, lastVersion);
  }

  Lineage withAlias(AliasRecord alias) {
    TreeMap<String, AliasRecord> next = new TreeMap<>(aliases);
    next.put(alias.name(), alias);
    return new Lineage(versions, next, lastVersion);
  }

  Lineage withoutAlias(String name) {
    TreeMap<String, AliasRecord> next = new TreeMap<>(aliases);
    next.remove(name);
    return new Lineage(versions, next, lastVersion);
  }

  /** A version number as written, or null when it is not one (no sign, no leading zeros). */
  static Integer number(String text) {
    if (text == null || text.isEmpty() || text.length() > 9 || text.charAt(0) == '0') {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.parseInt(text);
  }
}
