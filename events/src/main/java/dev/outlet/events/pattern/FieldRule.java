package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One condition of an {@link ObjectPattern} on the event object at its level: a leaf field's
 * matchers, a nested object's pattern, or a {@code $or} of alternative patterns.
 */
sealed interface FieldRule {
  /** Whether the event object {@code object} (never null; maybe empty) satisfies this rule. */
  boolean matches(JsonNode object);

  /**
   * The field {@code name} holds a value that any of {@code matchers} accepts; a field whose value
   * is an array holds each of its elements (arrays nested in arrays included).
   */
  record Leaf(String name, List<Matcher> matchers) implements FieldRule {
    /** Copies {@code matchers}. */
    public Leaf {
      matchers = List.copyOf(matchers);
    }

    @Override
    public boolean matches(JsonNode object) {
      List<JsonNode> values = EventValues.leaves(object.get(name));
      for (Matcher m : matchers) {
        if (m instanceof Matcher.Exists exists) {
          if (exists.present() != values.isEmpty()) {
            return true;
          }
          continue;
        }
        for (JsonNode value : values) {
          if (m.matches(value)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * The field {@code name} is an object (or an array holding one) that {@code pattern} matches; a
   * field that is missing or not an object is seen as an empty object, so that a nested {@code
   * "exists": false} still matches it.
   */
  record Nested(String name, ObjectPattern pattern) implements FieldRule {
    @Override
    public boolean matches(JsonNode object) {
      List<JsonNode> objects = EventValues.objects(object.get(name));
      if (objects.isEmpty()) {
        return pattern.matches(EventValues.EMPTY);
      }
      for (JsonNode o : objects) {
        if (pattern.matches(o)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code "$or"}: any of {@code alternatives} matches the same event object. */
  record AnyOf(List<ObjectPattern> alternatives) implements FieldRule {
    /** Copies {@code alternatives}. */
    public AnyOf {
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public boolean matches(JsonNode object) {
      for (ObjectPattern p : alternatives) {
        if (p.matches(object)) {
          return true;
        }
      }
      return false;
    }
  }
}
