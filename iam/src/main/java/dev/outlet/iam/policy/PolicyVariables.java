package dev.outlet.iam.policy;

import java.util.List;

/**
 * Policy variables in resources and condition values: {@code ${aws:username}} or {@code
 * ${aws:PrincipalTag/team}} is replaced by the request's value of that key, {@code ${key,
 * 'default'}} falls back to the default, and {@code ${*}}, {@code ${?}}, {@code ${$}} stand for the
 * characters themselves (the first two as {@link Glob}'s literal markers, so they match only
 * themselves).
 *
 * <p>AWS documents that a variable whose key the request lacks (or holds several values for) makes
 * the element it sits in match nothing: {@link #resolve} answers null then, and the caller skips
 * that pattern.
 */
final class PolicyVariables {
  private PolicyVariables() {}

  /** The value with its variables replaced, or null when one of them has no value. */
  static String resolve(String value, Request request) {
    int open = value.indexOf("${");
    if (open < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    int from = 0;
    while (open >= 0) {
      int close = value.indexOf('}', open + 2);
      if (close < 0) {
        break;
      }
      out.append(value, from, open);
      String replacement = replacement(value.substring(open + 2, close), request);
      if (replacement == null) {
        return null;
      }
      out.append(replacement);
      from = close + 1;
      open = value.indexOf("${", from);
    }
    return out.append(value, from, value.length()).toString();
  }

  private static String replacement(String inner, Request request) {
    switch (inner) {
      case "*":
        return String.valueOf(Glob.LITERAL_STAR);
      case "?":
        return String.valueOf(Glob.LITERAL_QUESTION);
      case "$":
        return "$";
      default:
        break;
    }
    String key = inner;
    String fallback = null;
    int comma = inner.indexOf(',');
    if (comma >= 0) {
      key = inner.substring(0, comma).trim();
      String rest = inner.substring(comma + 1).trim();
      if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
        fallback = rest.substring(1, rest.length() - 1);
      }
    }
    List<String> values = request.values(key);
    return values.size() == 1 ? values.get(0) : fallback;
  }
}
