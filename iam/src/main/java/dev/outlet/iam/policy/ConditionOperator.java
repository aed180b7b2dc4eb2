package dev.outlet.iam.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition operator as written, taken apart: the base operator ({@code StringLike}), the set
 * qualifier ({@code ForAnyValue:} or {@code ForAllValues:}) and the {@code IfExists} suffix.
 *
 * @param base what compares a request's value with a policy's value
 * @param qualifier how a multi-valued key is compared
 * @param ifExists true when a missing key makes the condition hold
 */
public record ConditionOperator(Base base, SetQualifier qualifier, boolean ifExists) {
  public ConditionOperator {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  /** How the values of a multi-valued key are compared with the policy's values. */
  public enum SetQualifier {
    /** Plain operator: holds when any request value matches any policy value. */
    NONE(""),
    /** Holds when at least one request value matches; a missing key makes it false. */
    FOR_ANY_VALUE("ForAnyValue:"),
    /** Holds when every request value matches; a missing or empty key makes it true. */
    FOR_ALL_VALUES("ForAllValues:");

    private final String prefix;

    SetQualifier(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  /** What a base operator compares: it decides how both values are read. */
  public enum Kind {
    STRING,
    STRING_IGNORE_CASE,
    STRING_LIKE,
    ARN,
    NUMERIC,
    DATE,
    BOOL,
    BINARY,
    IP_ADDRESS,
    NULL
  }

  /** For numeric and date operators: how the request's value must stand to the policy's. */
  public enum Comparison {
    EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL
  }

  /** The base operators IAM defines, by their AWS names. */
  public enum Base {
    STRING_EQUALS("StringEquals", Kind.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Kind.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Kind.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Kind.STRING_LIKE, true),
    ARN_EQUALS("ArnEquals", Kind.ARN, false),
    ARN_LIKE("ArnLike", Kind.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Kind.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Kind.ARN, true),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Kind.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Comparison.LESS),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Comparison.LESS_OR_EQUAL),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Comparison.GREATER),
    NUMERIC_GREATER_THAN_EQUALS(
        "NumericGreaterThanEquals", Kind.NUMERIC, Comparison.GREATER_OR_EQUAL),
    DATE_EQUALS("DateEquals", Kind.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Kind.DATE, true),
    DATE_LESS_THAN("DateLessThan", Kind.DATE, Comparison.LESS),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Kind.DATE, Comparison.LESS_OR_EQUAL),
    DATE_GREATER_THAN("DateGreaterThan", Kind.DATE, Comparison.GREATER),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Kind.DATE, Comparison.GREATER_OR_EQUAL),
    BOOL("Bool", Kind.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Kind.BINARY, false),
    IP_ADDRESS("IpAddress", Kind.IP_ADDRESS, false),
    NOT_IP_ADDRESS("NotIpAddress", Kind.IP_ADDRESS, true),
    NULL("Null", Kind.NULL, false);

    private static final Map<String, Base> BY_NAME = new HashMap<>();

    static {
      for (Base base : values()) {
        BY_NAME.put(base.awsName, base);
      }
    }

    private final String awsName;
    private final Kind kind;
    private final boolean negated;
    private final Comparison comparison;

    Base(String awsName, Kind kind, boolean negated) {
      this(awsName, kind, negated, Comparison.EQUAL);
    }

    Base(String awsName, Kind kind, Comparison comparison) {
      this(awsName, kind, false, comparison);
    }

    Base(String awsName, Kind kind, boolean negated, Comparison comparison) {
      this.awsName = awsName;
      this.kind = kind;
      this.negated = negated;
      this.comparison = comparison;
    }

    public String awsName() {
      return awsName;
    }

    public Kind kind() {
      return kind;
    }

    /**
     * True for the operators that hold when no value matches ({@code StringNotEquals}, {@code
     * NotIpAddress}, ...), and so hold when the key is missing.
     */
    public boolean negated() {
      return negated;
    }

    public Comparison comparison() {
      return comparison;
    }
  }

  /**
   * Reads an operator as written in a {@code Condition} block; empty for a name IAM does not know
   * (and for {@code Null} with a qualifier or {@code IfExists}, which IAM refuses too).
   */
  public static Optional<ConditionOperator> parse(String name) {
    String rest = name;
    SetQualifier qualifier = SetQualifier.NONE;
    for (SetQualifier q : SetQualifier.values()) {
      if (q != SetQualifier.NONE && rest.startsWith(q.prefix())) {
        qualifier = q;
        rest = rest.substring(q.prefix().length());
        break;
      }
    }
    boolean ifExists = rest.endsWith("IfExists");
    if (ifExists) {
      rest = rest.substring(0, rest.length() - "IfExists".length());
    }
    Base base = Base.BY_NAME.get(rest);
    if (base == null || (base == Base.NULL && (ifExists || qualifier != SetQualifier.NONE))) {
      return Optional.empty();
    }
    return Optional.of(new ConditionOperator(base, qualifier, ifExists));
  }

  /** The operator as AWS writes it, e.g. {@code ForAnyValue:StringLikeIfExists}. */
  public String awsName() {
    return qualifier.prefix() + base.awsName() + (ifExists ? "IfExists" : "");
  }
}
