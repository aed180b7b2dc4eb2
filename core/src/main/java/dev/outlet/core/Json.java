package dev.outlet.core;

/**
 * JSON string escaping, for the few bodies and lines written without a JSON library (error bodies,
 * platform lines, access logs): one scan, no copy when nothing needs escaping.
 */
public final class Json {
  private Json() {}

  public static String escape(String s) {
    if (plain(s)) {
      return s;
    }
    return appendEscaped(new StringBuilder(s.length() + 8), s).toString();
  }

  /** Appends {@code s} JSON-escaped (without quotes) to {@code b}; returns {@code b}. */
  public static StringBuilder appendEscaped(StringBuilder b, String s) {
    if (plain(s)) {
      return b.append(s);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b;
  }

  /** Nothing in {@code s} needs escaping (the usual case: one scan, no copy). */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
