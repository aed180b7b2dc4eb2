package dev.outlet.events.pattern;

import static dev.outlet.events.pattern.PatternParser.at;
import static dev.outlet.events.pattern.PatternParser.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one operator object of a leaf array ({@code {"prefix": "us-"}}, {@code {"numeric": [">",
 * 0]}}, ...) into its {@link Matcher}; anything else is an {@link InvalidEventPatternException}.
 */
final class OperatorParser {
  private static final String IGNORE_CASE = "equals-ignore-case";

  private OperatorParser() {}

  /** The matcher {@code object}, a one-key operator object in a leaf array, stands for. */
  static Matcher operator(JsonNode object, String where) {
    if (object.size() != 1) {
      throw new InvalidEventPatternException(
          "A match expression must have exactly one key, not " + object.size() + at(where));
    }
    Map.Entry<String, JsonNode> only = object.properties().iterator().next();
    String op = only.getKey();
    JsonNode value = only.getValue();
    return switch (op) {
      case "prefix" -> affix(op, value, where, s -> new Matcher.Prefix(s, false), true);
      case "suffix" -> affix(op, value, where, s -> new Matcher.Suffix(s, false), false);
      case IGNORE_CASE -> new Matcher.EqualsIgnoreCase(text(op, value, where));
      case "wildcard" -> Wildcard.of(text(op, value, where));
      case "cidr" -> Cidr.of(text(op, value, where));
      case "exists" -> {
        if (!value.isBoolean()) {
          throw new InvalidEventPatternException(
              "exists match pattern must be either true or false" + at(where));
        }
        yield new Matcher.Exists(value.booleanValue());
      }
      case "numeric" -> numeric(value, where);
      case "anything-but" -> anythingBut(value, where);
      default ->
          throw new InvalidEventPatternException("Unrecognized match type " + op + at(where));
    };
  }

  /** {@code prefix} or {@code suffix}: a string, or {@code {"equals-ignore-case": string}}. */
  private static Matcher affix(
      String op, JsonNode value, String where, Function<String, Matcher> exact, boolean prefix) {
    if (value.isObject() && value.size() == 1 && value.has(IGNORE_CASE)) {
      String s = text(op + " " + IGNORE_CASE, value.get(IGNORE_CASE), where);
      return prefix ? new Matcher.Prefix(s, true) : new Matcher.Suffix(s, true);
    }
    return exact.apply(text(op, value, where));
  }

  private static String text(String op, JsonNode value, String where) {
    if (!value.isTextual()) {
      throw new InvalidEventPatternException(
          op + " match pattern must be a string, not " + kind(value) + at(where));
    }
    return value.textValue();
  }

  private static Matcher numeric(JsonNode value, String where) {
    if (!value.isArray()) {
      throw new InvalidEventPatternException("Value of numeric must be an array" + at(where));
    }
    if (value.size() != 2 && value.size() != 4) {
      throw new InvalidEventPatternException(
          "Value of numeric must be one or two comparisons (an operator and a number each), not "
              + value.size()
              + " elements"
              + at(where));
    }
    String op1 = operatorAt(value, 0, where);
    BigDecimal n1 = numberAt(value, 1, op1, where);
    if (value.size() == 2) {
      return switch (op1) {
        case "=" -> new NumericRange(n1, true, n1, true);
        case ">", ">=" -> new NumericRange(n1, op1.equals(">="), null, false);
        default -> new NumericRange(null, false, n1, op1.equals("<="));
      };
    }
    String op2 = operatorAt(value, 2, where);
    BigDecimal n2 = numberAt(value, 3, op2, where);
    if (!op1.startsWith(">") || !op2.startsWith("<")) {
      throw new InvalidEventPatternException(
          "Two numeric comparisons must be a lower bound (> or >=) then an upper bound (< or <=), not "
              + op1
              + " then "
              + op2
              + at(where));
    }
    if (n1.compareTo(n2) >= 0) {
      throw new InvalidEventPatternException(
          "Bottom must be less than top in numeric range" + at(where));
    }
    return new NumericRange(n1, op1.equals(">="), n2, op2.equals("<="));
  }

  private static String operatorAt(JsonNode array, int i, String where) {
    JsonNode op = array.get(i);
    String s = op.isTextual() ? op.textValue() : null;
    if (s == null || !List.of("=", "<", "<=", ">", ">=").contains(s)) {
      throw new InvalidEventPatternException(
          "Unrecognized numeric range operator: " + op + at(where));
    }
    return s;
  }

  private static BigDecimal numberAt(JsonNode array, int i, String op, String where) {
    JsonNode n = array.get(i);
    if (!n.isNumber()) {
      throw new InvalidEventPatternException(
          "Value of " + op + " must be a number, not " + kind(n) + at(where));
    }
    return n.decimalValue();
  }

  /**
   * {@code anything-but}: a string, a number, a non-empty list of only strings or only numbers, or
   * one of {@code prefix}, {@code suffix}, {@code equals-ignore-case} or {@code wildcard} with a
   * string or a non-empty list of strings.
   */
  private static Matcher anythingBut(JsonNode value, String where) {
    if (value.isTextual() || value.isNumber()) {
      return new Matcher.AnythingBut(List.of(PatternParser.exact(value, where)));
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        throw new InvalidEventPatternException("Empty arrays are not allowed" + at(where));
      }
      boolean strings = value.get(0).isTextual();
      List<Matcher> excluded = new ArrayList<>();
      for (JsonNode v : value) {
        if (!(strings ? v.isTextual() : v.isNumber())) {
          throw new InvalidEventPatternException(
              "Inside anything-but list, values must be all strings or all numbers, not "
                  + kind(v)
                  + at(where));
        }
        excluded.add(PatternParser.exact(v, where));
      }
      return new Matcher.AnythingBut(excluded);
    }
    if (value.isObject() && value.size() == 1) {
      Map.Entry<String, JsonNode> only = value.properties().iterator().next();
      String op = only.getKey();
      Function<String, Matcher> inner =
          switch (op) {
            case "prefix" -> s -> new Matcher.Prefix(s, false);
            case "suffix" -> s -> new Matcher.Suffix(s, false);
            case IGNORE_CASE -> Matcher.EqualsIgnoreCase::new;
            case "wildcard" -> Wildcard::of;
            default ->
                throw new InvalidEventPatternException(
                    "Unsupported anything-but pattern: " + op + at(where));
          };
      return new Matcher.AnythingBut(strings("anything-but " + op, only.getValue(), where, inner));
    }
    throw new InvalidEventPatternException(
        "Value of anything-but must be an array, a single string/number value or an object with"
            + " one of prefix, suffix, equals-ignore-case or wildcard"
            + at(where));
  }

  private static List<Matcher> strings(
      String op, JsonNode value, String where, Function<String, Matcher> each) {
    if (!value.isArray()) {
      return List.of(each.apply(text(op, value, where)));
    }
    if (value.isEmpty()) {
      throw new InvalidEventPatternException("Empty arrays are not allowed" + at(where));
    }
    List<Matcher> out = new ArrayList<>();
    for (JsonNode v : value) {
      out.add(each.apply(text(op, v, where)));
    }
    return out;
  }
}
