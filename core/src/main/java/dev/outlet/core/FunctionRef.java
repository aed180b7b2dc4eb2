package dev.outlet.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it: a plain name, {@code name:qualifier}, a partial ARN ({@code
 * 123456789012:function:name}) or a full ARN, as lambda-contract.md §2.1/§2.6 allow.
 *
 * @param region the ARN's region, or null when not given
 * @param account the ARN's account, or null when not given
 * @param qualifier the version or alias, or null when not given
 */
public record FunctionRef(String region, String account, String name, String qualifier) {

  /** The pattern AWS quotes in its messages. */
  public static final String PATTERN_TEXT =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  private static final Pattern PATTERN =
      Pattern.compile(
          "^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
              + "(?:((?:eusc-)?[a-z]{2}(?:(?:-gov)|(?:-iso[a-z]?))?-[a-z]+-\\d):)?"
              + "(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?$");

  /** Parses a caller's function name, or throws AWS's ValidationException. */
  public static FunctionRef parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw LambdaException.validation(
          "", "functionName", "Member must have length greater than or equal to 1");
    }
    if (raw.length() > 170) {
      throw LambdaException.validation(
          raw, "functionName", "Member must have length less than or equal to 170");
    }
    if (raw.length() <= 64 && plainName(raw)) {
      return new FunctionRef(null, null, raw, null); // what the pattern gives, without running it
    }
    Matcher m = PATTERN.matcher(raw);
    if (!m.matches() || (raw.startsWith("arn:") && !raw.contains(":function:"))) {
      throw LambdaException.validation(
          raw, "functionName", "Member must satisfy regular expression pattern: " + PATTERN_TEXT);
    }
    String name = m.group(3);
    if (name.length() > 64) {
      throw LambdaException.validation(
          raw, "functionName", "Member must have length less than or equal to 64");
    }
    return new FunctionRef(m.group(1), m.group(2), name, m.group(4));
  }

  /** Whether {@code raw} is a bare name ({@code [a-zA-Z0-9-_.]+}): most Invoke paths name one. */
  static boolean plainName(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** The unqualified ARN of a function. */
  public static String arn(String region, String account, String name) {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  /**
   * The ARN an authorization decision names for a caller's function name: qualified by the name's
   * qualifier or by {@code queryQualifier}; a name that does not parse is taken as written (the
   * operation then refuses it with its validation error).
   */
  public static String resourceArn(String raw, String queryQualifier, Account account) {
    try {
      FunctionRef ref = parse(raw);
      String q = ref.qualifier() != null ? ref.qualifier() : queryQualifier;
      return account.functionArn(ref.name()) + (q == null ? "" : ":" + q);
    } catch (LambdaException e) {
      return account.functionArn(raw);
    }
  }
}
