package dev.outlet.iam.policy;

/**
 * IAM's wildcards: {@code *} matches any run of characters (none included), {@code ?} exactly one.
 * A greedy two-pointer match with one backtrack point: linear in practice, never exponential (no
 * regular expressions, so a hostile pattern cannot stall a decision), and allocation-free.
 *
 * <p>{@link PolicyVariables} writes {@code ${*}} and {@code ${?}} as {@link #LITERAL_STAR} and
 * {@link #LITERAL_QUESTION}, which match a plain {@code *} or {@code ?} and nothing else.
 */
final class Glob {
  static final char LITERAL_STAR = '\uE000';
  static final char LITERAL_QUESTION = '\uE001';

  private Glob() {}

  static boolean matches(String pattern, String text, boolean ignoreCase) {
    return matches(pattern, 0, pattern.length(), text, 0, text.length(), ignoreCase);
  }

  /** Matches {@code pattern[ps, pe)} against {@code text[ts, te)}. */
  static boolean matches(
      String pattern, int ps, int pe, String text, int ts, int te, boolean ignoreCase) {
    int p = ps;
    int t = ts;
    int star = -1;
    int resume = ts;
    while (t < te) {
      if (p < pe) {
        char pc = pattern.charAt(p);
        if (pc == '*') {
          star = p++;
          resume = t;
          continue;
        }
        if (pc == '?' || same(pc, text.charAt(t), ignoreCase)) {
          p++;
          t++;
          continue;
        }
      }
      if (star < 0) {
        return false;
      }
      p = star + 1;
      t = ++resume;
    }
    while (p < pe && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pe;
  }

  /** Whether a pattern holds no wildcard, so that plain equality decides it. */
  static boolean literal(String pattern) {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  private static boolean same(char pc, char tc, boolean ignoreCase) {
    if (pc == tc) {
      return true;
    }
    if (pc == LITERAL_STAR) {
      return tc == '*';
    }
    if (pc == LITERAL_QUESTION) {
      return tc == '?';
    }
    return ignoreCase
        && (Character.toLowerCase(pc) == Character.toLowerCase(tc)
            || Character.toUpperCase(pc) == Character.toUpperCase(tc));
  }
}
