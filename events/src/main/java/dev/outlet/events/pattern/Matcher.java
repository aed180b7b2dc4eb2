package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * One element of a pattern's leaf array: a test of one scalar event value (a string, number,
 * boolean or null). {@link Exists} is the exception: it tests whether the field has any value, and
 * {@link FieldRule.Leaf} asks it that instead of calling {@link #matches}.
 */
sealed interface Matcher
    permits Matcher.ExactString,
        Matcher.ExactNumber,
        Matcher.ExactBoolean,
        Matcher.ExactNull,
        Matcher.Prefix,
        Matcher.Suffix,
        Matcher.EqualsIgnoreCase,
        Matcher.AnythingBut,
        Matcher.Exists,
        Wildcard,
        NumericRange,
        Cidr {
  /** Whether the scalar event value {@code value} passes this test. */
  boolean matches(JsonNode value);

  /** {@code "text"}: the value is this very string. */
  record ExactString(String text) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return value.isTextual() && value.textValue().equals(text);
    }
  }

  /** {@code 300}: the value is a number equal to this one (300 matches 300.0 and 3e2). */
  record ExactNumber(BigDecimal number) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return EventValues.number(value).map(n -> n.compareTo(number) == 0).orElse(false);
    }
  }

  /** {@code true} or {@code false}: the value is this boolean. */
  record ExactBoolean(boolean bool) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return value.isBoolean() && value.booleanValue() == bool;
    }
  }

  /** {@code null}: the value is JSON null (a missing field is not null). */
  record ExactNull() implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return value.isNull();
    }
  }

  /** {@code {"prefix": "us-"}}, or with {@code equals-ignore-case}: the string starts so. */
  record Prefix(String prefix, boolean ignoreCase) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      if (!value.isTextual()) {
        return false;
      }
      String s = value.textValue();
      return s.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
    }
  }

  /** {@code {"suffix": ".png"}}, or with {@code equals-ignore-case}: the string ends so. */
  record Suffix(String suffix, boolean ignoreCase) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      if (!value.isTextual()) {
        return false;
      }
      String s = value.textValue();
      int from = s.length() - suffix.length();
      return from >= 0 && s.regionMatches(ignoreCase, from, suffix, 0, suffix.length());
    }
  }

  /** {@code {"equals-ignore-case": "alice"}}: the string equals this one, case aside. */
  record EqualsIgnoreCase(String text) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return value.isTextual() && value.textValue().equalsIgnoreCase(text);
    }
  }

  /**
   * {@code {"anything-but": ...}}: the field has a value and none of {@code excluded} (exact
   * values, or one kind of prefix, suffix, equals-ignore-case or wildcard tests) accepts it. A
   * missing field does not match.
   */
  record AnythingBut(List<Matcher> excluded) implements Matcher {
    /** Copies {@code excluded}. */
    public AnythingBut {
      excluded = List.copyOf(excluded);
    }

    @Override
    public boolean matches(JsonNode value) {
      for (Matcher m : excluded) {
        if (m.matches(value)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * {@code {"exists": true}}: the field has a scalar value; {@code false}: it has none (it is
   * missing, an object, or an empty array). {@link FieldRule.Leaf} decides this; as a value test it
   * answers whether the field is expected present.
   */
  record Exists(boolean present) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return present;
    }
  }
}
