package dev.outlet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.LambdaException;
import dev.outlet.storage.StorageException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Functions' tags, in {@code DATA/tags.db} (one JSON document per function), with AWS's rules: at
 * most 50 per resource, keys of 1 to 128 characters not starting with {@code aws:}, values of at
 * most 256. A deleted function's tags go with it. Writes block: virtual threads only.
 */
public final class FunctionTags implements AutoCloseable {
  static final int MAX_TAGS = 50;
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private final DocumentStore table;

  private FunctionTags(DocumentStore table) {
    this.table = table;
  }

  /** Tags kept in {@code table} (its owner from now on), following the registry's deletes. */
  public static FunctionTags open(DocumentStore table, FunctionRegistry registry) {
    FunctionTags tags = new FunctionTags(table);
    registry.onRemoved(
        deleted -> {
          if (deleted.indexOf(':') < 0) {
            tags.table.deleteOwner(deleted);
          }
        });
    return tags;
  }

  /** A function's tags (empty when it has none). */
  Map<String, String> of(String function) {
    return table.get(function, "").map(FunctionTags::read).orElse(Map.of());
  }

  /** Adds or replaces {@code tags} on {@code function}, after checking them with the result. */
  void tag(String function, Map<String, String> tags) {
    check(tags);
    TreeMap<String, String> next = new TreeMap<>(of(function));
    next.putAll(tags);
    if (next.size() > MAX_TAGS) {
      throw LambdaException.invalidParameter(
          "Number of tags exceeds resource tag limit. The resource can have at most "
              + MAX_TAGS
              + " tags.");
    }
    write(function, next);
  }

  void untag(String function, Iterable<String> keys) {
    TreeMap<String, String> next = new TreeMap<>(of(function));
    keys.forEach(next::remove);
    write(function, next);
  }

  /** AWS's rules for tags given to CreateFunction or TagResource. */
  static void check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw LambdaException.invalidParameter(
          "Number of tags exceeds resource tag limit. The resource can have at most "
              + MAX_TAGS
              + " tags.");
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw LambdaException.invalidParameter(
            "Tag keys must be between 1 and 128 characters long: '" + key + "'");
      }
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw LambdaException.invalidParameter(
            "Tag keys prefixed with 'aws:' are reserved for AWS use: '" + key + "'");
      }
      if (e.getValue() == null || e.getValue().length() > 256) {
        throw LambdaException.invalidParameter(
            "Tag values must be at most 256 characters long (key '" + key + "')");
      }
    }
  }

  private void write(String function, TreeMap<String, String> tags) {
    if (tags.isEmpty()) {
      table.delete(function, "");
      return;
    }
    try {
      table.put(function, "", WireJson.MAPPER.writeValueAsString(tags));
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot encode the tags of " + function, e);
    }
  }

  private static Map<String, String> read(String json) {
    try {
      return WireJson.MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot decode stored tags", e);
    }
  }

  @Override
  public void close() {
    table.close();
  }
}
