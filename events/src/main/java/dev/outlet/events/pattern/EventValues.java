package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How the matcher reads an event's values: arrays flattened, numbers as exact decimals. */
final class EventValues {
  /** The empty object a missing nested object is seen as. */
  static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private EventValues() {}

  /** The scalar values (strings, numbers, booleans, null) {@code field} holds, arrays flattened. */
  static List<JsonNode> leaves(JsonNode field) {
    List<JsonNode> out = new ArrayList<>();
    collect(field, out, false);
    return out;
  }

  /** The objects {@code field} is or holds, arrays flattened. */
  static List<JsonNode> objects(JsonNode field) {
    List<JsonNode> out = new ArrayList<>();
    collect(field, out, true);
    return out;
  }

  private static void collect(JsonNode node, List<JsonNode> out, boolean wantObjects) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (node.isArray()) {
      // iterative over elements; nesting depth is bounded by the JSON parser's limit
      for (JsonNode element : node) {
        collect(element, out, wantObjects);
      }
    } else if (node.isObject() == wantObjects) {
      out.add(node);
    }
  }

  /** {@code node}'s number as an exact decimal, or empty when it is not a finite JSON number. */
  static Optional<BigDecimal> number(JsonNode node) {
    if (!node.isNumber()) {
      return Optional.empty();
    }
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(node.decimalValue());
  }
}
