package dev.outlet.events.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a pattern's JSON text into the typed model: objects into {@link ObjectPattern}s, {@code
 * $or} into {@link FieldRule.AnyOf}, leaf arrays into {@link Matcher} lists (operator objects via
 * {@link OperatorParser}). The JSON tree is dropped once the model is built.
 */
final class PatternParser {
  /**
   * The longest pattern accepted, in characters: the maximum length of a Lambda event source
   * mapping filter's {@code Pattern} and of an EventBridge Pipes filter (API reference, "Length
   * Constraints: Maximum length of 4096"), and the most an EventBridge rule's event pattern can be
   * raised to (its quota "Event pattern size" is 2,048 characters by default, adjustable).
   */
  static final int MAX_LENGTH = 4096;

  /** {@code $or}'s key in a pattern object. */
  static final String OR = "$or";

  /** Numbers as exact decimals, duplicate keys and trailing text refused. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Events: numbers as exact decimals, trailing text refused, duplicate keys left to Jackson. */
  static final ObjectMapper EVENTS =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private PatternParser() {}

  /** The model of {@code json}, or an {@link InvalidEventPatternException} saying what is wrong. */
  static ObjectPattern parse(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidEventPatternException("Event pattern is empty.");
    }
    if (json.length() > MAX_LENGTH) {
      throw new InvalidEventPatternException(
          "Event pattern is "
              + json.length()
              + " characters long; the most allowed is "
              + MAX_LENGTH
              + ".");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventPatternException(
          "Event pattern is not JSON: " + e.getOriginalMessage());
    } catch (NumberFormatException e) {
      // a number no BigDecimal can hold, such as 1e9999999999 (Jackson does not wrap this one)
      throw new InvalidEventPatternException(
          "Event pattern has a number out of range: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidEventPatternException("Filter is not an object");
    }
    return object(tree, "");
  }

  private static ObjectPattern object(JsonNode node, String path) {
    if (node.isEmpty()) {
      throw new InvalidEventPatternException("Empty objects are not allowed" + at(path));
    }
    List<FieldRule> rules = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      String where = path.isEmpty() ? name : path + "." + name;
      if (name.equals(OR)) {
        rules.add(or(value, where));
      } else if (value.isObject()) {
        rules.add(new FieldRule.Nested(name, object(value, where)));
      } else if (value.isArray()) {
        rules.add(new FieldRule.Leaf(name, leaf(value, where)));
      } else {
        throw new InvalidEventPatternException(
            "Match value must be an array or an object, not " + kind(value) + at(where));
      }
    }
    return new ObjectPattern(rules);
  }

  private static FieldRule.AnyOf or(JsonNode value, String where) {
    if (!value.isArray() || value.size() < 2) {
      throw new InvalidEventPatternException(
          "There must have at least 2 Objects in " + OR + " array" + at(where));
    }
    List<ObjectPattern> alternatives = new ArrayList<>();
    for (JsonNode alternative : value) {
      if (!alternative.isObject()) {
        throw new InvalidEventPatternException(
            "Elements of " + OR + " must be objects, not " + kind(alternative) + at(where));
      }
      alternatives.add(object(alternative, where));
    }
    return new FieldRule.AnyOf(alternatives);
  }

  private static List<Matcher> leaf(JsonNode array, String where) {
    if (array.isEmpty()) {
      throw new InvalidEventPatternException("Empty arrays are not allowed" + at(where));
    }
    List<Matcher> matchers = new ArrayList<>();
    for (JsonNode element : array) {
      if (element.isObject()) {
        matchers.add(OperatorParser.operator(element, where));
      } else {
        matchers.add(exact(element, where));
      }
    }
    return matchers;
  }

  /** An exact value: a string, number, boolean or null. */
  static Matcher exact(JsonNode value, String where) {
    if (value.isTextual()) {
      return new Matcher.ExactString(value.textValue());
    }
    if (value.isNumber()) {
      return new Matcher.ExactNumber(value.decimalValue());
    }
    if (value.isBoolean()) {
      return new Matcher.ExactBoolean(value.booleanValue());
    }
    if (value.isNull()) {
      return new Matcher.ExactNull();
    }
    throw new InvalidEventPatternException(
        "Match value must be String, number, true, false, or null, not " + kind(value) + at(where));
  }

  /** " at path" for a message, or nothing at the top level. */
  static String at(String where) {
    return where.isEmpty() ? "" : " at " + where;
  }

  /** A JSON value's kind for a message. */
  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "nothing";
    };
  }
}
