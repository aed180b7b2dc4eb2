package dev.outlet.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CORS configuration ({@code CorsConfiguration} of an HTTP API, {@code Cors} of a Function URL)
 * and the headers it adds. Pure and immutable.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 * answered by the front itself with 204; other requests get {@code Access-Control-Allow-Origin}
 * (and the exposed headers) when their {@code Origin} is allowed.
 */
public record CorsRules(
    boolean allowCredentials,
    List<String> allowHeaders,
    List<String> allowMethods,
    List<String> allowOrigins,
    List<String> exposeHeaders,
    Integer maxAge) {

  /** Whether this request is a CORS preflight. */
  public static boolean isPreflight(String method, String origin, String requestMethod) {
    return method.equals("OPTIONS") && origin != null && requestMethod != null;
  }

  /** The headers answering a preflight from {@code origin}; empty when the origin is refused. */
  public Map<String, String> preflight(String origin, String requestMethod, String requestHeaders) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String allowed = allowedOrigin(origin);
    if (allowed == null) {
      return h;
    }
    if (!allowMethods.isEmpty()
        && !allowMethods.contains("*")
        && !allowMethods.contains(requestMethod.toUpperCase(Locale.ROOT))) {
      return h;
    }
    h.put("Access-Control-Allow-Origin", allowed);
    if (!allowMethods.isEmpty()) {
      h.put(
          "Access-Control-Allow-Methods",
          allowMethods.contains("*") ? requestMethod : String.join(",", allowMethods));
    }
    if (!allowHeaders.isEmpty()) {
      h.put(
          "Access-Control-Allow-Headers",
          allowHeaders.contains("*") && requestHeaders != null
              ? requestHeaders
              : String.join(",", allowHeaders));
    }
    if (allowCredentials) {
      h.put("Access-Control-Allow-Credentials", "true");
    }
    if (maxAge != null && maxAge >= 0) {
      h.put("Access-Control-Max-Age", Integer.toString(maxAge));
    }
    return h;
  }

  /** The headers added to an actual (non-preflight) response for {@code origin}. */
  public Map<String, String> actual(String origin) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String allowed = allowedOrigin(origin);
    if (allowed == null) {
      return h;
    }
    h.put("Access-Control-Allow-Origin", allowed);
    if (allowCredentials) {
      h.put("Access-Control-Allow-Credentials", "true");
    }
    if (!exposeHeaders.isEmpty()) {
      h.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
    }
    return h;
  }

  private String allowedOrigin(String origin) {
    if (origin == null) {
      return null;
    }
    if (allowOrigins.contains("*")) {
      return allowCredentials ? origin : "*";
    }
    for (String o : allowOrigins) {
      if (o.equalsIgnoreCase(origin)) {
        return origin;
      }
    }
    return null;
  }
}
