package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** The condition tree of a {@link JsonPattern}. Immutable; {@link #test} is pure. */
sealed interface JsonCondition {

  /** Whether the JSON message {@code root} satisfies this condition. */
  boolean test(JsonNode root);

  /** Both sides hold. */
  record And(JsonCondition left, JsonCondition right) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      return left.test(root) && right.test(root);
    }
  }

  /** Either side holds. */
  record Or(JsonCondition left, JsonCondition right) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      return left.test(root) || right.test(root);
    }
  }

  /** A comparison operator, as written in patterns. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean holds(int comparison) {
      return switch (this) {
        case EQ -> comparison == 0;
        case NE -> comparison != 0;
        case LT -> comparison < 0;
        case GT -> comparison > 0;
        case LE -> comparison <= 0;
        case GE -> comparison >= 0;
      };
    }
  }

  /** {@code selector op number}: the field is a number that compares so. */
  record NumberCompare(Selector selector, Op op, BigDecimal value) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      JsonNode node = selector.resolve(root);
      return node != null && node.isNumber() && op.holds(node.decimalValue().compareTo(value));
    }
  }

  /**
   * {@code selector = text} or {@code !=}: a string or boolean field, {@code *} a wildcard. Matched
   * part by part with {@link String#indexOf} (the leftmost match of each part is the right one when
   * {@code *} is the only wildcard), not with a regular expression, whose backtracking over many
   * stars takes exponential time on a long message.
   *
   * @param parts the text split at its stars (one part: no wildcard)
   */
  record TextCompare(Selector selector, boolean equal, List<String> parts)
      implements JsonCondition {
    public TextCompare {
      parts = List.copyOf(parts);
    }

    static TextCompare of(Selector selector, boolean equal, String text) {
      return new TextCompare(selector, equal, List.of(text.split("\\*", -1)));
    }

    @Override
    public boolean test(JsonNode root) {
      JsonNode node = selector.resolve(root);
      if (node == null || !(node.isTextual() || node.isBoolean())) {
        return false;
      }
      return globMatches(node.asText()) == equal;
    }

    private boolean globMatches(String s) {
      String first = parts.getFirst();
      if (parts.size() == 1) {
        return s.equals(first);
      }
      String last = parts.getLast();
      if (s.length() < first.length() + last.length()
          || !s.startsWith(first)
          || !s.endsWith(last)) {
        return false;
      }
      int at = first.length();
      int end = s.length() - last.length();
      for (String part : parts.subList(1, parts.size() - 1)) {
        int found = s.indexOf(part, at);
        if (found < 0 || found + part.length() > end) {
          return false;
        }
        at = found + part.length();
      }
      return true;
    }
  }

  /** What {@code IS}/{@code EXISTS} test. */
  enum Kind {
    TRUE,
    FALSE,
    NULL,
    EXISTS,
    NOT_EXISTS
  }

  /** {@code selector IS TRUE|FALSE|NULL}, {@code selector EXISTS}, {@code selector NOT EXISTS}. */
  record Is(Selector selector, Kind kind) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      JsonNode node = selector.resolve(root);
      return switch (kind) {
        case TRUE -> node != null && node.isBoolean() && node.booleanValue();
        case FALSE -> node != null && node.isBoolean() && !node.booleanValue();
        case NULL -> node != null && node.isNull();
        case EXISTS -> node != null;
        case NOT_EXISTS -> node == null;
      };
    }
  }

  /** A path from the root: field names and array indices. */
  record Selector(String text, List<Object> steps) {
    public Selector {
      steps = List.copyOf(steps);
    }

    /** The node at this path, or null if there is none. */
    JsonNode resolve(JsonNode root) {
      JsonNode node = root;
      for (Object step : steps) {
        node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        if (node == null) {
          return null;
        }
      }
      return node;
    }
  }
}
