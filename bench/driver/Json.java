import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON for the results file and for reading flat fields out of API answers. */
final class Json {
  private Json() {}

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
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
    return b.append('"').toString();
  }

  static String num(Double d) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      return "null";
    }
    double r = Math.round(d * 1000) / 1000.0;
    return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
  }

  /** The first string value of {@code "key":"..."} in a JSON text, or null. */
  static String field(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
        .matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** The first number value of {@code "key":N} in a JSON text, or NaN. */
  static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?[0-9.eE+]+)")
        .matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  static int count(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:").matcher(json);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
