package dev.outlet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outlet.core.DocumentStore;
import dev.outlet.storage.StorageException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings Lambda keeps beside a function, each a small document in {@code
 * DATA/function-settings.db}: per function and kind ({@code recursion}, {@code code-signing}), or
 * per kind and qualifier ({@code runtime-management:$LATEST}, {@code event-invoke:live}); and the
 * code signing configurations themselves (owner {@value #CSC}). A deleted function's settings go
 * with it, a deleted version's or alias's with them.
 */
public final class FunctionSettings implements AutoCloseable {
  /** The owner under which code signing configurations are kept. */
  static final String CSC = "code-signing-configs";

  private final DocumentStore table;

  private FunctionSettings(DocumentStore table) {
    this.table = table;
  }

  /** Settings kept in {@code table} (its owner from now on), following the registry's deletes. */
  public static FunctionSettings open(DocumentStore table, FunctionRegistry registry) {
    FunctionSettings s = new FunctionSettings(table);
    registry.onRemoved(s::removed);
    return s;
  }

  <T> Optional<T> get(String owner, String key, Class<T> type) {
    return table.get(owner, key).map(json -> read(json, type));
  }

  /** An owner's documents whose key starts with {@code prefix}, by key. */
  <T> Map<String, T> all(String owner, String prefix, Class<T> type) {
    Map<String, T> out = new TreeMap<>();
    table
        .all(owner)
        .forEach(
            (key, json) -> {
              if (key.startsWith(prefix)) {
                out.put(key, read(json, type));
              }
            });
    return out;
  }

  /** Every owner's document of {@code key}, by owner. */
  Map<String, String> owners(String key) {
    Map<String, String> out = new TreeMap<>();
    table
        .everything()
        .forEach(
            (owner, docs) -> {
              if (docs.containsKey(key)) {
                out.put(owner, docs.get(key));
              }
            });
    return out;
  }

  void put(String owner, String key, Object document) {
    try {
      table.put(owner, key, WireJson.MAPPER.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot encode a setting of " + owner, e);
    }
  }

  /**
   * The asynchronous invocation settings of an event of the version a sandbox spec runs ("$LATEST"
   * or N), for the event queue: those of the alias it was invoked through when that alias has some,
   * else the version's.
   */
  public dev.outlet.invoke.EventQueue.Policy eventPolicy(
      dev.outlet.sandbox.SandboxSpec spec, dev.outlet.invoke.InvokeRequest request) {
    return eventConfig(spec, request.invokedFunctionArn())
        .map(
            c ->
                new dev.outlet.invoke.EventQueue.Policy(
                    c.maximumRetryAttempts(),
                    c.maximumEventAgeInSeconds() == null
                        ? null
                        : java.time.Duration.ofSeconds(c.maximumEventAgeInSeconds())))
        .orElse(dev.outlet.invoke.EventQueue.Policy.DEFAULT);
  }

  /**
   * Where the end of an event goes: the destinations of its alias's or version's configuration (as
   * {@link #eventPolicy} chooses it), each null when not set.
   */
  public Optional<EventDestinations> destinations(
      dev.outlet.sandbox.SandboxSpec spec, String invokedArn) {
    return eventConfig(spec, invokedArn)
        .map(SettingsWire.EventInvokeConfig::destinationConfig)
        .map(
            d ->
                new EventDestinations(
                    d.onSuccess() == null ? null : d.onSuccess().destination(),
                    d.onFailure() == null ? null : d.onFailure().destination()));
  }

  /** An event invoke configuration's destinations (ARNs, null when not set). */
  public record EventDestinations(String onSuccess, String onFailure) {}

  private Optional<SettingsWire.EventInvokeConfig> eventConfig(
      dev.outlet.sandbox.SandboxSpec spec, String invokedArn) {
    String alias = alias(invokedArn);
    if (alias != null) {
      var viaAlias = SettingsOperations.eventInvokeConfig(this, spec.functionName(), alias);
      if (viaAlias.isPresent()) {
        return viaAlias;
      }
    }
    return SettingsOperations.eventInvokeConfig(this, spec.functionName(), spec.version());
  }

  /** The alias an invoked ARN names, or null (unqualified, $LATEST or a version). */
  private static String alias(String invokedArn) {
    if (invokedArn == null) {
      return null;
    }
    try {
      String q = dev.outlet.core.FunctionRef.parse(invokedArn).qualifier();
      return q == null || q.equals("$LATEST") || q.chars().allMatch(Character::isDigit) ? null : q;
    } catch (dev.outlet.core.LambdaException e) {
      return null;
    }
  }

  void delete(String owner, String key) {
    table.delete(owner, key);
  }

  private void removed(String deleted) {
    int colon = deleted.indexOf(':');
    if (colon < 0) {
      table.deleteOwner(deleted);
      return;
    }
    String function = deleted.substring(0, colon);
    String suffix = deleted.substring(colon); // ":qualifier"
    table.all(function).keySet().stream()
        .filter(k -> k.endsWith(suffix))
        .toList()
        .forEach(k -> table.delete(function, k));
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return WireJson.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot decode a stored setting", e);
    }
  }

  @Override
  public void close() {
    table.close();
  }
}
