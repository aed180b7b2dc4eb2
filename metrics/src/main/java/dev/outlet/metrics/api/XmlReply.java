package dev.outlet.metrics.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes replies in the query protocol: {@code <OpResponse><OpResult>…</OpResult>
 * <ResponseMetadata>…</ResponseMetadata></OpResponse>}, lists as {@code member} elements, {@link
 * ValueMap}s as {@code entry}/{@code key}/{@code value}, timestamps in ISO 8601. Pure.
 */
final class XmlReply {
  static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private XmlReply() {}

  static String success(String operation, Map<String, Object> result, String requestId) {
    StringBuilder b = new StringBuilder(512);
    b.append("<").append(operation).append("Response xmlns=\"").append(NAMESPACE).append("\">");
    b.append("<").append(operation).append("Result>");
    fields(b, result);
    b.append("</").append(operation).append("Result>");
    b.append("<ResponseMetadata><RequestId>").append(requestId);
    b.append("</RequestId></ResponseMetadata>");
    return b.append("</").append(operation).append("Response>").toString();
  }

  static String error(ApiError error, String message, String requestId) {
    return "<ErrorResponse xmlns=\""
        + NAMESPACE
        + "\"><Error><Type>"
        + error.type()
        + "</Type><Code>"
        + error.code
        + "</Code><Message>"
        + escape(message)
        + "</Message></Error><RequestId>"
        + requestId
        + "</RequestId></ErrorResponse>";
  }

  private static void fields(StringBuilder b, Map<String, Object> fields) {
    fields.forEach((name, value) -> element(b, name, value));
  }

  @SuppressWarnings("unchecked")
  private static void element(StringBuilder b, String name, Object value) {
    b.append('<').append(name).append('>');
    switch (value) {
      case List<?> list -> list.forEach(v -> element(b, "member", v));
      case ValueMap map ->
          map.entries()
              .forEach(
                  (k, v) -> {
                    b.append("<entry>");
                    element(b, "key", k);
                    element(b, "value", v);
                    b.append("</entry>");
                  });
      case Map<?, ?> struct -> fields(b, (Map<String, Object>) struct);
      default -> b.append(escape(Scalars.text(value)));
    }
    b.append("</").append(name).append('>');
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Scalar values as the query protocol writes them. */
  static final class Scalars {
    private Scalars() {}

    static String text(Object value) {
      return switch (value) {
        case Instant t -> t.toString();
        case Double d ->
            d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) (double) d + ".0" : d.toString();
        default -> String.valueOf(value);
      };
    }
  }
}
