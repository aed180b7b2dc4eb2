package dev.outlet.edge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Percent-decoding of paths and query strings that never throws: a malformed escape ({@code %ZZ}, a
 * lone {@code %}) is kept as it was sent, so the value then fails the operation's own validation
 * with a 4xx, never a 500 and never an exception on an event loop. Pure.
 */
public final class Percent {
  private Percent() {}

  /**
   * Decodes {@code s}.
   *
   * @param plusIsSpace true for query strings and forms, false for paths (where {@code +} is a
   *     plus)
   */
  public static String decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[utf8.length];
    int n = 0;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%' && i + 2 < utf8.length && hex(utf8[i + 1]) >= 0 && hex(utf8[i + 2]) >= 0) {
        out[n++] = (byte) (hex(utf8[i + 1]) * 16 + hex(utf8[i + 2]));
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out[n++] = ' ';
      } else {
        out[n++] = b;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** A query string's parameters by name, every value, decoded leniently. */
  public static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return params;
  }

  /** A lookup of a query parameter's first value, parsed on first use. */
  public static UnaryOperator<String> firstValues(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return name -> null;
    }
    return new UnaryOperator<>() {
      private Map<String, List<String>> params;

      @Override
      public String apply(String name) {
        if (params == null) {
          params = query(rawQuery);
        }
        List<String> values = params.get(name);
        return values == null ? null : values.getFirst();
      }
    };
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
