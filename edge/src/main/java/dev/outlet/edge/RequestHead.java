package dev.outlet.edge;

import java.util.function.UnaryOperator;

/**
 * What the edge knows of a request before its body: method, path, and header and query lookups
 * (case-insensitive header names). Services decide which operation a request is from this alone.
 *
 * @param method the HTTP method, upper case
 * @param path the path as sent (percent-encoded), without the query
 * @param header a header's value by name, or null
 * @param query a query parameter's first value by name, or null
 * @param rawQuery the query string as sent (still percent-encoded), or null
 */
public record RequestHead(
    String method,
    String path,
    UnaryOperator<String> header,
    UnaryOperator<String> query,
    String rawQuery) {

  /** A head whose raw query is not known (the signature cannot be checked against it). */
  public RequestHead(
      String method, String path, UnaryOperator<String> header, UnaryOperator<String> query) {
    this(method, path, header, query, null);
  }

  /** {@code X-Amz-Target}, or null. */
  public String target() {
    return header.apply("X-Amz-Target");
  }

  /**
   * Whether this is a query-protocol call: a form {@code POST /} without {@code X-Amz-Target}
   * (which service's is then told by the signing name or the {@code Action}).
   */
  public boolean isQueryForm() {
    return "POST".equals(method)
        && "/".equals(path)
        && target() == null
        && "application/x-www-form-urlencoded".equals(mediaType());
  }

  /** The media type of {@code Content-Type} without parameters, lower case, or null. */
  public String mediaType() {
    String type = header.apply("Content-Type");
    if (type == null) {
      return null;
    }
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }
}
