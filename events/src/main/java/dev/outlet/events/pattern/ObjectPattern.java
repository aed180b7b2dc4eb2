package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A pattern object: all of its {@code rules} hold for one event object (AND). */
record ObjectPattern(List<FieldRule> rules) {
  /** Copies {@code rules}. */
  ObjectPattern {
    rules = List.copyOf(rules);
  }

  /** Whether every rule holds for {@code object}, an event object. */
  boolean matches(JsonNode object) {
    for (FieldRule rule : rules) {
      if (!rule.matches(object)) {
        return false;
      }
    }
    return true;
  }
}
