package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random route sets and request paths, checked against properties that an independent (regex)
 * matcher can state: the selected route matches; an exact literal route of the request's method
 * always wins; {@code $default} is chosen exactly when no other route matches.
 */
class RouteSelectionRandomTest {
  private static final String[] SEGMENTS = {"a", "b", "items", "{id}", "{x}", "{proxy+}"};
  private static final String[] METHODS = {"GET", "POST", "ANY"};
  private static final String[] WORDS = {"a", "b", "items", "7", "zz"};

  /** The template as a regex: a literal, one non-empty segment, or one or more segments. */
  private static Pattern regex(String template) {
    StringBuilder b = new StringBuilder();
    for (String s : template.substring(1).split("/", -1)) {
      b.append('/');
      if (s.endsWith("+}")) {
        b.append("[^/]+(/[^/]+)*");
      } else if (s.startsWith("{")) {
        b.append("[^/]+");
      } else {
        b.append(Pattern.quote(s));
      }
    }
    return Pattern.compile(b.toString());
  }

  private static boolean matches(String routeKey, String method, String path) {
    String m = routeKey.substring(0, routeKey.indexOf(' '));
    String template = routeKey.substring(routeKey.indexOf(' ') + 1);
    return (m.equals("ANY") || m.equals(method)) && regex(template).matcher(path).matches();
  }

  @Test
  void randomRouteSetsSelectAMatchingRouteWithLiteralsFirstAndDefaultLast() {
    Random r = new Random(20261127);
    for (int round = 0; round < 2000; round++) {
      Map<String, String> keys = new LinkedHashMap<>();
      int n = 1 + r.nextInt(6);
      for (int i = 0; i < n; i++) {
        int depth = 1 + r.nextInt(3);
        StringBuilder path = new StringBuilder();
        for (int d = 0; d < depth; d++) {
          String seg = SEGMENTS[r.nextInt(SEGMENTS.length)];
          if (seg.endsWith("+}") && d != depth - 1) {
            seg = "{id}";
          }
          path.append('/').append(seg);
        }
        String key = METHODS[r.nextInt(METHODS.length)] + " " + path;
        keys.put(key, key);
      }
      boolean withDefault = r.nextBoolean();
      if (withDefault) {
        keys.put("$default", "$default");
      }
      RouteTable<String> table = RouteTable.of(keys);
      List<String> words = new ArrayList<>();
      int depth = 1 + r.nextInt(4);
      for (int d = 0; d < depth; d++) {
        words.add(WORDS[r.nextInt(WORDS.length)]);
      }
      String path = "/" + String.join("/", words);
      String method = r.nextBoolean() ? "GET" : "POST";

      var selected = table.select(method, path).map(RouteTable.Match::routeKey).orElse(null);
      List<String> matching =
          keys.keySet().stream()
              .filter(k -> !k.equals("$default") && matches(k, method, path))
              .toList();
      String context = keys.keySet() + " " + method + " " + path;
      if (matching.isEmpty()) {
        assertThat(selected).as(context).isEqualTo(withDefault ? "$default" : null);
        continue;
      }
      assertThat(matching).as(context).contains(selected);
      String exact = method + " " + path;
      if (keys.containsKey(exact)) {
        assertThat(selected).as(context).isEqualTo(exact);
      }
    }
  }
}
