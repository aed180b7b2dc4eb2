package dev.outlet.iam.policy;

/**
 * ARN matching as IAM does it for {@code Resource} and the {@code Arn*} operators: the six
 * colon-separated parts ({@code arn:partition:service:region:account:resource}) are matched one by
 * one, case-sensitively, each with {@code *} and {@code ?}; a wildcard never crosses into the next
 * part, except in the last, the resource part, which keeps any colons it has. A pattern with fewer
 * parts lets its last part match the rest of the ARN ({@code arn:aws:logs:*}).
 */
final class Arns {
  private static final int PARTS = 6;

  private Arns() {}

  static boolean matches(String pattern, String arn) {
    if (pattern.length() == 1 && pattern.charAt(0) == '*') {
      return true;
    }
    int p = 0;
    int a = 0;
    for (int part = 1; part < PARTS; part++) {
      int pEnd = pattern.indexOf(':', p);
      if (pEnd < 0) {
        return Glob.matches(pattern, p, pattern.length(), arn, a, arn.length(), false);
      }
      int aEnd = arn.indexOf(':', a);
      if (aEnd < 0 || !Glob.matches(pattern, p, pEnd, arn, a, aEnd, false)) {
        return false;
      }
      p = pEnd + 1;
      a = aEnd + 1;
    }
    return Glob.matches(pattern, p, pattern.length(), arn, a, arn.length(), false);
  }

  /**
   * The account of an ARN (its fifth part), or null when the text is no ARN or names no account
   * ({@code arn:aws:s3:::bucket}, a service principal, {@code *}).
   */
  static String account(String arn) {
    if (!arn.startsWith("arn:")) {
      return null;
    }
    int start = 0;
    for (int part = 1; part < 5; part++) {
      start = arn.indexOf(':', start) + 1;
      if (start == 0) {
        return null;
      }
    }
    int end = arn.indexOf(':', start);
    if (end < 0 || end == start) {
      return null;
    }
    return arn.substring(start, end);
  }
}
