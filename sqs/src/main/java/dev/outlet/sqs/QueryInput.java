package dev.outlet.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shapes a query-protocol form (as {@link dev.outlet.edge.QueryForm} reads it: {@code A.1.Name}
 * becomes {@code A → 1 → Name}) like the JSON protocol's input: SQS's flattened lists ({@code
 * AttributeName.N}), name/value maps ({@code Attribute.N.Name}, {@code Tag.N.Key}), message
 * attributes ({@code MessageAttribute.N.Value.DataType}) and batch entries. Pure.
 */
final class QueryInput {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final Map<String, String> LISTS =
      Map.of(
          "AttributeName", "AttributeNames",
          "MessageSystemAttributeName", "MessageSystemAttributeNames",
          "MessageAttributeName", "MessageAttributeNames",
          "TagKey", "TagKeys");

  private static final Set<String> ENTRIES =
      Set.of(
          "SendMessageBatchRequestEntry",
          "DeleteMessageBatchRequestEntry",
          "ChangeMessageVisibilityBatchRequestEntry");

  private QueryInput() {}

  /** {@code form} shaped as the JSON protocol's input. */
  static ObjectNode shape(JsonNode form) {
    ObjectNode out = F.objectNode();
    if (form == null || !form.isObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = form.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (LISTS.containsKey(name)) {
        out.set(LISTS.get(name), list(value));
      } else if (name.equals("Attribute")) {
        out.set("Attributes", map(value, "Name", "Value"));
      } else if (name.equals("Tag")) {
        ObjectNode tags = map(value, "Key", "Value");
        out.set("Tags", tags);
        out.set("tags", tags);
      } else if (name.equals("MessageAttribute")) {
        out.set("MessageAttributes", map(value, "Name", "Value"));
      } else if (name.equals("MessageSystemAttribute")) {
        out.set("MessageSystemAttributes", map(value, "Name", "Value"));
      } else if (ENTRIES.contains(name)) {
        ArrayNode entries = F.arrayNode();
        for (JsonNode entry : ordered(value).values()) {
          entries.add(shape(entry));
        }
        out.set("Entries", entries);
      } else {
        out.set(name, value);
      }
    }
    return out;
  }

  private static ArrayNode list(JsonNode value) {
    ArrayNode list = F.arrayNode();
    if (value.isTextual()) {
      if (!value.asText().isEmpty()) {
        list.add(value);
      }
      return list;
    }
    ordered(value).values().forEach(list::add);
    return list;
  }

  private static ObjectNode map(JsonNode value, String key, String val) {
    ObjectNode map = F.objectNode();
    for (JsonNode entry : ordered(value).values()) {
      JsonNode k = entry.get(key);
      if (k != null && k.isTextual()) {
        JsonNode v = entry.get(val);
        map.set(k.asText(), v == null ? F.nullNode() : v);
      }
    }
    return map;
  }

  /** The children of an indexed member ({@code X.1}, {@code X.2}, ...) in index order. */
  private static TreeMap<Integer, JsonNode> ordered(JsonNode value) {
    TreeMap<Integer, JsonNode> ordered = new TreeMap<>();
    if (value == null || !value.isObject()) {
      return ordered;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!k.isEmpty() && k.length() < 6 && k.chars().allMatch(Character::isDigit)) {
        ordered.put(Integer.parseInt(k), e.getValue());
      }
    }
    return ordered;
  }
}
