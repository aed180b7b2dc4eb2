package dev.outlet.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON filter pattern, {@code { CONDITION }}: conditions on fields of a JSON message joined by
 * {@code &&} and {@code ||} (AND binds tighter) and grouped with parentheses. Immutable.
 *
 * <p>A condition is {@code SELECTOR OP VALUE} or {@code SELECTOR IS TRUE|FALSE|NULL}, {@code
 * SELECTOR EXISTS}, {@code SELECTOR NOT EXISTS}. Selectors are {@code $.a.b} and {@code $.a[0].b}.
 * With a number, {@code = != < > <= >=} compare numerically and need a numeric field; with a string
 * ({@code "quoted"} or bare, {@code *} a wildcard) only {@code =} and {@code !=} apply, to string
 * and boolean fields. A condition on a missing field is false, {@code NOT EXISTS} aside.
 */
record JsonPattern(JsonCondition condition) implements FilterPattern {

  /** Numbers past a double's range (1e999) read exactly, so they compare instead of failing. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Override
  public boolean matches(String message) {
    JsonNode tree = parseMessage(message);
    return tree != null && condition.test(tree);
  }

  /** The message as a JSON object or array, or null if it is not one. */
  static JsonNode parseMessage(String message) {
    String m = message.strip();
    if (m.isEmpty() || (m.charAt(0) != '{' && m.charAt(0) != '[')) {
      return null;
    }
    try {
      JsonNode tree = MAPPER.readTree(m);
      return tree != null && tree.isContainerNode() ? tree : null;
    } catch (JsonProcessingException | NumberFormatException e) {
      // Jackson reports an exponent a BigDecimal cannot hold (1e9999999999) as
      // NumberFormatException
      return null;
    }
  }

  /** Parses {@code { ... }}. */
  static JsonPattern parse(String pattern) {
    String p = pattern.strip();
    if (!p.startsWith("{") || !p.endsWith("}") || p.length() < 2) {
      throw new InvalidPatternException("a JSON pattern is enclosed in { }");
    }
    return new JsonPattern(new JsonPatternParser(p.substring(1, p.length() - 1)).parse());
  }
}
