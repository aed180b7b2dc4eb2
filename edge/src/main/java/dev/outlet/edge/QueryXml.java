package dev.outlet.edge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an operation's result as the query protocol's reply: {@code <OpResponse xmlns="ns">
 * <OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
 * </OpResponse>}. A result is a structure: a {@link Map} or a record (members in their order;
 * {@code @JsonProperty} on an accessor renames it, as in JSON). Members that are null are left out;
 * lists are {@code member} elements; a {@link MapShape} is {@code entry}/{@code key}/{@code value}
 * elements; timestamps are ISO 8601 in UTC, to the millisecond; whole doubles keep a {@code .0}
 * ({@code 15.0}); blobs are base64. A null result has no {@code OpResult} element (operations
 * without output). Pure.
 */
final class QueryXml {
  private QueryXml() {}

  static String response(String namespace, String operation, Object result, String requestId) {
    StringBuilder b = new StringBuilder(512);
    b.append('<').append(operation).append("Response xmlns=\"");
    b.append(Protocol.Codecs.xml(namespace)).append("\">");
    if (result != null) {
      if (!isStructure(result)) {
        throw new IllegalArgumentException(
            operation + "'s result is a " + result.getClass().getName() + ", not a structure");
      }
      element(b, operation + "Result", result);
    }
    b.append("<ResponseMetadata><RequestId>").append(Protocol.Codecs.xml(requestId));
    b.append("</RequestId></ResponseMetadata>");
    return b.append("</").append(operation).append("Response>").toString();
  }

  private static boolean isStructure(Object value) {
    return value instanceof Map<?, ?> || value.getClass().isRecord();
  }

  private static void element(StringBuilder b, String name, Object value) {
    if (value == null) {
      return;
    }
    b.append('<').append(name).append('>');
    switch (value) {
      case Collection<?> list -> list.forEach(v -> element(b, "member", v));
      case MapShape map ->
          map.entries()
              .forEach(
                  (k, v) -> {
                    b.append("<entry>");
                    element(b, "key", k);
                    element(b, "value", v);
                    b.append("</entry>");
                  });
      case Map<?, ?> struct -> struct.forEach((k, v) -> element(b, String.valueOf(k), v));
      case Record struct -> members(b, struct);
      default -> b.append(Protocol.Codecs.xml(scalar(value)));
    }
    b.append("</").append(name).append('>');
  }

  private static void members(StringBuilder b, Record struct) {
    for (RecordComponent c : struct.getClass().getRecordComponents()) {
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      element(b, name, read(c, struct));
    }
  }

  private static Object read(RecordComponent c, Record struct) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(struct);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + c, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e.getCause());
    }
  }

  /** A scalar as the query protocol writes it. */
  static String scalar(Object value) {
    return switch (value) {
      case Instant t -> t.truncatedTo(ChronoUnit.MILLIS).toString();
      case Double d -> decimal(d, Double.toString(d));
      case Float f -> decimal(f, Float.toString(f));
      case byte[] blob -> Base64.getEncoder().encodeToString(blob);
      default -> String.valueOf(value);
    };
  }

  /** Whole values in plain notation with {@code .0} ({@code 10000000.0}, not {@code 1.0E7}). */
  private static String decimal(double d, String shortest) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d + ".0" : shortest;
  }
}
