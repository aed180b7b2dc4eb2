package dev.outlet.gateway;

import dev.outlet.edge.Percent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as API Gateway HTTP APIs do it: among the routes whose method (or {@code ANY})
 * and path template match, the most specific wins, compared segment by segment (a literal beats a
 * {@code {param}}, which beats a greedy {@code {proxy+}}), then a named method beats {@code ANY};
 * {@code $default} answers only when nothing else matched. Immutable and pure.
 *
 * @param <T> what a route carries (its target)
 */
public final class RouteTable<T> {

  /** A parsed route key: {@code $default} or {@code METHOD /path/{param}/{proxy+}}. */
  public record Key(String method, List<String> segments) {
    static final String ANY = "ANY";

    /** Parses a route key, or throws IllegalArgumentException with AWS's complaint. */
    public static Key parse(String routeKey) {
      if (routeKey.equals("$default")) {
        return new Key("$default", List.of());
      }
      int space = routeKey.indexOf(' ');
      if (space <= 0 || space == routeKey.length() - 1) {
        throw new IllegalArgumentException("Unable to parse route key: " + routeKey);
      }
      String method = routeKey.substring(0, space);
      String path = routeKey.substring(space + 1);
      if (!method.matches("ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS") || !path.startsWith("/")) {
        throw new IllegalArgumentException("Unable to parse route key: " + routeKey);
      }
      List<String> segments = split(path);
      for (int i = 0; i < segments.size(); i++) {
        String s = segments.get(i);
        boolean variable = s.startsWith("{") && s.endsWith("}");
        if (variable && s.endsWith("+}") && i != segments.size() - 1) {
          throw new IllegalArgumentException(
              "Greedy path variable must be the last segment of the route key: " + routeKey);
        }
        if (!variable && (s.contains("{") || s.contains("}"))) {
          throw new IllegalArgumentException("Unable to parse route key: " + routeKey);
        }
        if (s.isEmpty() && segments.size() > 1) {
          throw new IllegalArgumentException("Unable to parse route key: " + routeKey);
        }
      }
      return new Key(method, segments);
    }

    boolean isDefault() {
      return method.equals("$default");
    }
  }

  /** A selected route: its key text, its target and the decoded path parameters. */
  public record Match<T>(String routeKey, T target, Map<String, String> pathParameters) {}

  private record Entry<T>(String routeKey, Key key, T target) {}

  private final List<Entry<T>> routes;
  private final Entry<T> fallback;

  private RouteTable(List<Entry<T>> routes, Entry<T> fallback) {
    this.routes = routes;
    this.fallback = fallback;
  }

  /** Builds a table from route keys and their targets (keys already validated). */
  public static <T> RouteTable<T> of(Map<String, T> byRouteKey) {
    List<Entry<T>> list = new ArrayList<>();
    Entry<T> fallback = null;
    for (var e : byRouteKey.entrySet()) {
      Entry<T> entry = new Entry<>(e.getKey(), Key.parse(e.getKey()), e.getValue());
      if (entry.key().isDefault()) {
        fallback = entry;
      } else {
        list.add(entry);
      }
    }
    return new RouteTable<>(List.copyOf(list), fallback);
  }

  /** The route for {@code method} and {@code path} (without any stage prefix), if any. */
  public Optional<Match<T>> select(String method, String path) {
    List<String> request = split(path);
    Entry<T> best = null;
    int[] bestRank = null;
    for (Entry<T> e : routes) {
      if (!e.key().method().equals(method) && !e.key().method().equals(Key.ANY)) {
        continue;
      }
      int[] rank = rank(e.key(), request);
      if (rank == null) {
        continue;
      }
      if (best == null || RANKS.compare(rank, bestRank) > 0) {
        best = e;
        bestRank = rank;
      }
    }
    if (best == null) {
      return fallback == null
          ? Optional.empty()
          : Optional.of(new Match<>(fallback.routeKey(), fallback.target(), Map.of()));
    }
    return Optional.of(
        new Match<>(best.routeKey(), best.target(), parameters(best.key(), request)));
  }

  private static final Comparator<int[]> RANKS = java.util.Arrays::compare;

  /**
   * Null when the template does not match; otherwise one rank per template segment (literal 3,
   * parameter 2, greedy 1), then 1 for a named method, 0 for ANY. Arrays compare lexicographically,
   * so the first differing segment decides, and a longer literal prefix wins.
   */
  private static int[] rank(Key key, List<String> request) {
    List<String> t = key.segments();
    int[] rank = new int[t.size() + 1];
    for (int i = 0; i < t.size(); i++) {
      String s = t.get(i);
      if (s.startsWith("{") && s.endsWith("+}")) {
        if (request.size() <= i || request.get(i).isEmpty()) {
          return null;
        }
        rank[i] = 1;
        rank[t.size()] = key.method().equals(Key.ANY) ? 0 : 1;
        return rank;
      }
      if (i >= request.size()) {
        return null;
      }
      if (s.startsWith("{")) {
        if (request.get(i).isEmpty()) {
          return null;
        }
        rank[i] = 2;
      } else if (s.equals(request.get(i))) {
        rank[i] = 3;
      } else {
        return null;
      }
    }
    if (request.size() != t.size()) {
      return null;
    }
    rank[t.size()] = key.method().equals(Key.ANY) ? 0 : 1;
    return rank;
  }

  private static Map<String, String> parameters(Key key, List<String> request) {
    Map<String, String> params = new LinkedHashMap<>();
    List<String> t = key.segments();
    for (int i = 0; i < t.size(); i++) {
      String s = t.get(i);
      if (s.startsWith("{") && s.endsWith("+}")) {
        params.put(
            s.substring(1, s.length() - 2),
            decode(String.join("/", request.subList(i, request.size()))));
      } else if (s.startsWith("{")) {
        params.put(s.substring(1, s.length() - 1), decode(request.get(i)));
      }
    }
    return params;
  }

  /** "/a/b" → [a, b]; "/" → [""]; keeps empty segments of "//" so they never match params. */
  static List<String> split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int slash = p.indexOf('/', from);
      if (slash < 0) {
        out.add(p.substring(from));
        return out;
      }
      out.add(p.substring(from, slash));
      from = slash + 1;
    }
  }

  private static String decode(String s) {
    return Percent.decode(s, false); // a bad escape is kept as sent
  }
}
