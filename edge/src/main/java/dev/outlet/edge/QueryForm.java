package dev.outlet.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a query-protocol form ({@code Dimensions.member.1.Name=FunctionName&...}) into the same
 * tree the JSON protocols send: {@code X.member.N} becomes the N-th element of array {@code X},
 * {@code A.B} a field of object {@code A}; values stay strings. Pure.
 */
public final class QueryForm {
  /** Deeper names than any AWS query API uses are refused, not recursed into. */
  private static final int MAX_DEPTH = 16;

  private QueryForm() {}

  /**
   * The form as a tree. Throws {@link Protocol.MalformedBody} for bad percent-escapes and names
   * nested deeper than {@value #MAX_DEPTH}.
   */
  public static ObjectNode parse(String body) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String[] path = key.split("\\.", -1);
      if (path.length > MAX_DEPTH) {
        throw new Protocol.MalformedBody("The parameter " + key + " is nested too deeply.");
      }
      put(root, path, 0, value);
    }
    ObjectNode obj = JsonNodeFactory.instance.objectNode();
    root.forEach((k, v) -> obj.set(k, toNode(v)));
    return obj;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> node, String[] path, int at, String value) {
    String name = path[at];
    if (at == path.length - 1) {
      node.putIfAbsent(name, value);
      return;
    }
    Object child = node.get(name);
    if (!(child instanceof Map)) {
      child = new LinkedHashMap<String, Object>();
      node.put(name, child);
    }
    put((Map<String, Object>) child, path, at + 1, value);
  }

  @SuppressWarnings("unchecked")
  private static JsonNode toNode(Object o) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (o instanceof String s) {
      return f.textNode(s);
    }
    Map<String, Object> map = (Map<String, Object>) o;
    if (map.size() == 1 && map.get("member") instanceof Map<?, ?> members) {
      TreeMap<Integer, JsonNode> ordered = new TreeMap<>();
      ((Map<String, Object>) members)
          .forEach((k, v) -> ordered.put(isIndex(k) ? Integer.parseInt(k) : 0, toNode(v)));
      ArrayNode array = f.arrayNode();
      ordered.values().forEach(array::add);
      return array;
    }
    ObjectNode obj = f.objectNode();
    map.forEach((k, v) -> obj.set(k, toNode(v)));
    return obj;
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.length() < 6 && s.chars().allMatch(Character::isDigit);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Protocol.MalformedBody("The request body is not a valid form.");
    }
  }
}
