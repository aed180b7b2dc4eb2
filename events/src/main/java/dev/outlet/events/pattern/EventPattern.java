package dev.outlet.events.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An EventBridge event pattern (a rule's {@code EventPattern}; also the syntax of a Lambda event
 * source mapping's {@code FilterCriteria}), parsed once into a typed model and then matched against
 * events. Immutable and thread-safe; matching takes time about linear in the event and the pattern.
 *
 * <p>A pattern is a JSON object: each field names an event field; a nested object matches a nested
 * object, an array lists the tests of a leaf value, any of which may pass (OR), and every field
 * must match (AND); {@code "$or": [{...}, {...}]} matches when any of its objects does. A leaf test
 * is an exact value (string, number compared numerically, boolean, null) or one of {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but}, {@code
 * numeric}, {@code exists} and {@code cidr}. An event field that is an array matches when any of
 * its elements does.
 */
public final class EventPattern {
  /** The longest pattern {@link #parse} accepts, in characters. */
  public static final int MAX_LENGTH = PatternParser.MAX_LENGTH;

  /**
   * The pattern {@code json} holds.
   *
   * @throws InvalidEventPatternException when it is not a valid pattern, saying why
   */
  public static EventPattern parse(String json) {
    return new EventPattern(PatternParser.parse(json));
  }

  private final ObjectPattern root;

  private EventPattern(ObjectPattern root) {
    this.root = root;
  }

  /** Whether {@code event}, a JSON object, matches; anything but an object matches nothing. */
  public boolean matches(JsonNode event) {
    return event != null && event.isObject() && root.matches(event);
  }

  /**
   * Whether the JSON text {@code eventJson} is an object that matches; other text (including JSON
   * with a number whose exponent is past an int's range) matches nothing.
   */
  public boolean matches(String eventJson) {
    if (eventJson == null) {
      return false;
    }
    JsonNode event;
    try {
      event = PatternParser.EVENTS.readTree(eventJson);
    } catch (JsonProcessingException | NumberFormatException e) {
      // not JSON, or a number whose exponent no BigDecimal can hold
      return false;
    }
    return matches(event);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventPattern p && root.equals(p.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "EventPattern" + root.rules();
  }
}
