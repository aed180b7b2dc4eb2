package dev.outlet.edge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of a REST service by method and path template ({@code
 * /2015-03-31/functions/{FunctionName}/configuration}), as the service's model declares them. A
 * template's labels match one path segment each and arrive URL-decoded ({@code +} kept, as AWS
 * keeps it in names); a trailing slash is ignored. Immutable and thread-safe.
 */
public final class RestRoutes {

  /** One operation's method and path template. */
  public record Route(String method, String template, String operation) {}

  private record Compiled(Route route, String[] segments) {}

  private final List<Compiled> routes;
  private final List<String> prefixes;

  private RestRoutes(List<Compiled> routes, List<String> prefixes) {
    this.routes = routes;
    this.prefixes = prefixes;
  }

  /**
   * @param prefixes the path prefixes the service owns: a request under one that matches no route
   *     is the service's unknown operation (named {@code "METHOD path"}); others are not its
   */
  public static RestRoutes of(List<String> prefixes, Route... routes) {
    List<Compiled> compiled = new ArrayList<>(routes.length);
    for (Route r : routes) {
      compiled.add(new Compiled(r, split(r.template())));
    }
    return new RestRoutes(List.copyOf(compiled), List.copyOf(prefixes));
  }

  /** The claim of the service on a request: its operation and labels, or null when not its. */
  public Service.Claim claim(RequestHead head) {
    String path = head.path();
    if (prefixes.stream().noneMatch(path::startsWith)) {
      return null;
    }
    String[] segments = split(path);
    for (Compiled c : routes) {
      if (!c.route().method().equals(head.method())) {
        continue;
      }
      Map<String, String> labels = match(c.segments(), segments);
      if (labels != null) {
        return new Service.Claim.Named(c.route().operation(), labels);
      }
    }
    return new Service.Claim.Named(head.method() + " " + path);
  }

  private static Map<String, String> match(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> labels = null;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (path[i].isEmpty()) {
          return null;
        }
        if (labels == null) {
          labels = new HashMap<>(4);
        }
        labels.put(t.substring(1, t.length() - 1), decode(path[i]));
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return labels == null ? Map.of() : labels;
  }

  private static String[] split(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return p.split("/", -1);
  }

  private static String decode(String segment) {
    return Percent.decode(segment, false); // a bad escape stays: the name validation refuses it
  }
}
