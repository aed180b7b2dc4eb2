package dev.outlet.iam.policy;

import dev.outlet.iam.policy.ConditionOperator.Base;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Whether one condition holds for a request, with AWS's rules for what is missing:
 *
 * <ol>
 *   <li>{@code Null}: {@code "true"} holds when the key is missing, {@code "false"} when present.
 *   <li>A missing key makes {@code ...IfExists} hold; otherwise a plain operator holds only if it
 *       is a negated one ({@code StringNotEquals}, {@code NotIpAddress}, ...), {@code ForAnyValue:}
 *       fails and {@code ForAllValues:} holds (an empty set is all-matching).
 *   <li>A plain operator holds when any request value matches any policy value (negated: when none
 *       does); {@code ForAnyValue:} when some request value does, {@code ForAllValues:} when every
 *       request value does, where a negated base reads "matches no policy value".
 * </ol>
 */
final class ConditionEvaluator {
  private ConditionEvaluator() {}

  static boolean holds(Condition condition, Request request, boolean variables) {
    ConditionOperator operator = condition.operator();
    Base base = operator.base();
    List<String> actual = request.values(condition.key());
    boolean missing = actual.isEmpty();
    if (base == Base.NULL) {
      for (String value : condition.values()) {
        if (value.equalsIgnoreCase("true") == missing) {
          return true;
        }
      }
      return false;
    }
    if (missing) {
      if (operator.ifExists()) {
        return true;
      }
      return switch (operator.qualifier()) {
        case NONE -> base.negated();
        case FOR_ANY_VALUE -> false;
        case FOR_ALL_VALUES -> true;
      };
    }
    return switch (operator.qualifier()) {
      case NONE -> anyMatches(base, condition, actual, request, variables) != base.negated();
      case FOR_ANY_VALUE -> {
        for (String value : actual) {
          if (matchesOne(base, condition, value, request, variables) != base.negated()) {
            yield true;
          }
        }
        yield false;
      }
      case FOR_ALL_VALUES -> {
        for (String value : actual) {
          if (matchesOne(base, condition, value, request, variables) == base.negated()) {
            yield false;
          }
        }
        yield true;
      }
    };
  }

  private static boolean anyMatches(
      Base base, Condition condition, List<String> actual, Request request, boolean variables) {
    for (String value : actual) {
      if (matchesOne(base, condition, value, request, variables)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a request value matches any of the condition's values, by the base's positive sense.
   */
  private static boolean matchesOne(
      Base base, Condition condition, String actual, Request request, boolean variables) {
    for (String written : condition.values()) {
      String expected = variables ? PolicyVariables.resolve(written, request) : written;
      if (expected != null && compare(base, expected, actual)) {
        return true;
      }
    }
    return false;
  }

  private static boolean compare(Base base, String expected, String actual) {
    return switch (base.kind()) {
      case STRING, BINARY -> expected.equals(actual);
      case STRING_IGNORE_CASE -> expected.equalsIgnoreCase(actual);
      case STRING_LIKE -> Glob.matches(expected, actual, false);
      case ARN -> Arns.matches(expected, actual);
      case BOOL -> expected.equalsIgnoreCase(actual);
      case IP_ADDRESS -> IpRanges.contains(expected, actual);
      case NUMERIC -> {
        BigDecimal a = ConditionValues.number(actual);
        BigDecimal e = ConditionValues.number(expected);
        yield a != null && e != null && ConditionValues.satisfies(base.comparison(), a, e);
      }
      case DATE -> {
        Instant a = ConditionValues.date(actual);
        Instant e = ConditionValues.date(expected);
        yield a != null && e != null && ConditionValues.satisfies(base.comparison(), a, e);
      }
      case NULL -> false;
    };
  }
}
