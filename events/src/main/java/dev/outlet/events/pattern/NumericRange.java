package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code {"numeric": [">", 0, "<=", 5]}}: the value is a JSON number within bounds; a null bound is
 * open ({@code ["<", 5]} has no lower one), and {@code ["=", 5]} is both bounds inclusive at 5.
 */
record NumericRange(
    BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive)
    implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    Optional<BigDecimal> n = EventValues.number(value);
    if (n.isEmpty()) {
      return false;
    }
    BigDecimal v = n.get();
    if (lower != null) {
      int c = v.compareTo(lower);
      if (c < 0 || (c == 0 && !lowerInclusive)) {
        return false;
      }
    }
    if (upper != null) {
      int c = v.compareTo(upper);
      if (c > 0 || (c == 0 && !upperInclusive)) {
        return false;
      }
    }
    return true;
  }
}
