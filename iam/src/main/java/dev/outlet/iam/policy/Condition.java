package dev.outlet.iam.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * One condition: an operator ({@code StringEquals}, {@code ArnLike}, {@code IpAddress}, ...,
 * optionally {@code ...IfExists}, {@code ForAnyValue:} or {@code ForAllValues:}), a key and the
 * policy's values. AWS's semantics: the request's value matches any of the policy's values; a
 * negated operator ({@code StringNotEquals}, ...) holds when it matches none, and also when the key
 * is absent; {@code IfExists} holds when the key is absent; {@code Null} tests absence.
 */
public record Condition(String operator, String key, List<String> values) {

  public Condition {
    values = List.copyOf(values);
  }

  /** The operators IAM knows, by base name (without IfExists and set prefixes). */
  enum Op {
    StringEquals(false, (p, v) -> p.equals(v)),
    StringNotEquals(true, (p, v) -> p.equals(v)),
    StringEqualsIgnoreCase(false, (p, v) -> p.equalsIgnoreCase(v)),
    StringNotEqualsIgnoreCase(true, (p, v) -> p.equalsIgnoreCase(v)),
    StringLike(false, (p, v) -> Wildcard.matches(p, v, false)),
    StringNotLike(true, (p, v) -> Wildcard.matches(p, v, false)),
    ArnEquals(false, (p, v) -> Wildcard.matches(p, v, false)),
    ArnLike(false, (p, v) -> Wildcard.matches(p, v, false)),
    ArnNotEquals(true, (p, v) -> Wildcard.matches(p, v, false)),
    ArnNotLike(true, (p, v) -> Wildcard.matches(p, v, false)),
    NumericEquals(false, (p, v) -> compare(p, v, Condition::number) == 0),
    NumericNotEquals(true, (p, v) -> compare(p, v, Condition::number) == 0),
    NumericLessThan(false, (p, v) -> compare(p, v, Condition::number) > 0),
    NumericLessThanEquals(false, (p, v) -> compare(p, v, Condition::number) >= 0),
    NumericGreaterThan(false, (p, v) -> compare(p, v, Condition::number) < 0),
    NumericGreaterThanEquals(false, (p, v) -> compare(p, v, Condition::number) <= 0),
    DateEquals(false, (p, v) -> compare(p, v, Condition::date) == 0),
    DateNotEquals(true, (p, v) -> compare(p, v, Condition::date) == 0),
    DateLessThan(false, (p, v) -> compare(p, v, Condition::date) > 0),
    DateLessThanEquals(false, (p, v) -> compare(p, v, Condition::date) >= 0),
    DateGreaterThan(false, (p, v) -> compare(p, v, Condition::date) < 0),
    DateGreaterThanEquals(false, (p, v) -> compare(p, v, Condition::date) <= 0),
    Bool(false, (p, v) -> p.equalsIgnoreCase(v)),
    IpAddress(false, Cidr::contains),
    NotIpAddress(true, Cidr::contains),
    Null(false, (p, v) -> false);

    final boolean negated;
    final BiPredicate<String, String> match;

    Op(boolean negated, BiPredicate<String, String> match) {
      this.negated = negated;
      this.match = match;
    }
  }

  /** The operator's parts, or a {@link PolicyException} naming it as IAM does. */
  record Parsed(Op op, boolean ifExists, String set) {}

  static Parsed parse(String operator) {
    String name = operator;
    String set = null;
    int colon = name.indexOf(':');
    if (colon > 0) {
      set = name.substring(0, colon);
      name = name.substring(colon + 1);
      if (!set.equals("ForAnyValue") && !set.equals("ForAllValues")) {
        throw new PolicyException("Invalid Condition type : " + operator + ".");
      }
    }
    boolean ifExists = name.endsWith("IfExists") && !name.equals("Null");
    if (ifExists) {
      name = name.substring(0, name.length() - "IfExists".length());
    }
    for (Op op : Op.values()) {
      if (op.name().equals(name)) {
        return new Parsed(op, ifExists, set);
      }
    }
    throw new PolicyException("Invalid Condition type : " + operator + ".");
  }

  boolean holds(AccessRequest request) {
    Parsed p = parse(operator);
    List<String> given = request.values(key);
    boolean absent = given == null || given.isEmpty();
    if (p.op() == Op.Null) {
      boolean wantAbsent = values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
      return wantAbsent == absent;
    }
    if (absent) {
      return p.ifExists() || "ForAllValues".equals(p.set()) || (p.op().negated && p.set() == null);
    }
    List<String> policy = values.stream().map(request::substitute).toList();
    if ("ForAllValues".equals(p.set())) {
      return given.stream().allMatch(v -> one(p.op(), policy, v));
    }
    if ("ForAnyValue".equals(p.set())) {
      return given.stream().anyMatch(v -> one(p.op(), policy, v));
    }
    return one(p.op(), policy, given.getFirst());
  }

  /** A single request value against the policy's values: any matches (none, when negated). */
  private static boolean one(Op op, List<String> policy, String value) {
    boolean any = policy.stream().anyMatch(p -> safe(op, p, value));
    return op.negated ? !any : any;
  }

  private static boolean safe(Op op, String policy, String value) {
    try {
      return op.match.test(policy, value);
    } catch (RuntimeException e) {
      return false; // a value of the wrong type matches nothing
    }
  }

  private static <T extends Comparable<T>> int compare(
      String policy, String value, java.util.function.Function<String, T> read) {
    return read.apply(policy).compareTo(read.apply(value));
  }

  private static BigDecimal number(String s) {
    return new BigDecimal(s.trim());
  }

  private static Instant date(String s) {
    String t = s.trim();
    if (t.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(t).toInstant();
    }
  }

  @Override
  public String toString() {
    return operator + "{" + key.toLowerCase(Locale.ROOT) + ": " + values + "}";
  }
}
