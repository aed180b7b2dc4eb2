package dev.outlet.gateway;

import java.util.Locale;

/**
 * Which HTTP API or Function URL a request addresses, from its Host header or Outlet's path forms.
 * Pure.
 *
 * <ul>
 *   <li>{@code Host: <url-id>.lambda-url.<region>.localhost[:port]} or path {@code
 *       /_outlet/urls/<url-id>/...}: a Function URL.
 *   <li>{@code Host: <api-id>.execute-api.localhost[:port]} (a region label before {@code
 *       localhost} is accepted too) or path {@code /_outlet/apis/<api-id>/...}: an HTTP API.
 * </ul>
 *
 * @param path the request path the target sees (the path form's prefix removed; at least "/")
 * @param domainName the domain name shown to the function (always the host-name form, without a
 *     port, whichever form was used)
 */
public record FrontAddress(Kind kind, String id, String path, String domainName) {

  /** The two kinds of front. */
  public enum Kind {
    FUNCTION_URL,
    HTTP_API
  }

  static final String URL_PREFIX = "/_outlet/urls/";
  static final String API_PREFIX = "/_outlet/apis/";

  /** The address of a request, or null when it is not for the front. */
  public static FrontAddress of(String host, String path, String region) {
    if (path.startsWith(URL_PREFIX)) {
      return fromPath(Kind.FUNCTION_URL, path, URL_PREFIX, region);
    }
    if (path.startsWith(API_PREFIX)) {
      return fromPath(Kind.HTTP_API, path, API_PREFIX, region);
    }
    if (host == null) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    if (!h.endsWith(".localhost")) {
      return null;
    }
    int dot = h.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String id = h.substring(0, dot);
    String rest = h.substring(dot + 1);
    if (rest.startsWith("lambda-url.") && id.matches("[a-z0-9]{32}")) {
      return new FrontAddress(Kind.FUNCTION_URL, id, path, h);
    }
    if (rest.startsWith("execute-api.") && id.matches("[a-z0-9]{10}")) {
      return new FrontAddress(Kind.HTTP_API, id, path, h);
    }
    return null;
  }

  private static FrontAddress fromPath(Kind kind, String path, String prefix, String region) {
    String rest = path.substring(prefix.length());
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    String inner = slash < 0 ? "/" : rest.substring(slash);
    if (id.isEmpty()) {
      return null;
    }
    String domain =
        kind == Kind.FUNCTION_URL
            ? id + ".lambda-url." + region + ".localhost"
            : id + ".execute-api.localhost";
    return new FrontAddress(kind, id, inner, domain);
  }
}
