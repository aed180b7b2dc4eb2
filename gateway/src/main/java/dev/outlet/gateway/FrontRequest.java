package dev.outlet.gateway;

import dev.outlet.edge.Percent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the front received it, detached from Vert.x so events can be built (and
 * tested) without a server.
 *
 * @param rawPath the path as sent (with a named stage's prefix, without Outlet's path-form prefix)
 * @param rawQuery the query string without {@code ?}, or "" when none
 * @param headers every header in arrival order, names as sent
 * @param domainName the host name AWS would show ({@code <id>.execute-api.<region>.amazonaws.com}
 *     style names are not invented: the Host the client used, without its port)
 * @param domainPrefix the first label of {@code domainName}
 * @param timeEpochMillis when the request arrived
 */
public record FrontRequest(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    String protocol,
    String sourceIp,
    String domainName,
    String domainPrefix,
    byte[] body,
    long timeEpochMillis) {

  /** The first value of a header (case-insensitive), or null. */
  public String header(String name) {
    for (var h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Headers by lower-case name, repeated values joined with "," (payload 2.0 rules). */
  public Map<String, String> joinedHeaders() {
    Map<String, String> out = new LinkedHashMap<>();
    for (var h : headers) {
      out.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b);
    }
    return out;
  }

  /** Headers by name as sent, with every value (payload 1.0 {@code multiValueHeaders}). */
  public Map<String, List<String>> multiHeaders() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var h : headers) {
      out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    return out;
  }

  /** Decoded query parameters with every value, in order. */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  /** The cookies of the Cookie header(s), one entry per cookie. */
  public List<String> cookies() {
    List<String> out = new ArrayList<>();
    for (var h : headers) {
      if (h.getKey().equalsIgnoreCase("cookie")) {
        for (String c : h.getValue().split(";")) {
          String t = c.trim();
          if (!t.isEmpty()) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether the body goes base64-encoded in the event: bodies whose content type is not textual, or
   * that are not valid UTF-8 when no content type is given.
   */
  public boolean binaryBody() {
    if (body.length == 0) {
      return false;
    }
    String type = header("content-type");
    if (type == null) {
      return !validUtf8(body);
    }
    String t = type.toLowerCase(Locale.ROOT);
    boolean textual =
        t.startsWith("text/")
            || t.contains("json")
            || t.contains("xml")
            || t.contains("javascript")
            || t.contains("x-www-form-urlencoded")
            || t.contains("graphql");
    return !textual || !validUtf8(body);
  }

  public String userAgent() {
    String ua = header("user-agent");
    return ua == null ? "" : ua;
  }

  private static boolean validUtf8(byte[] bytes) {
    if (ascii(bytes)) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String s) {
    return Percent.decode(s, true); // a bad escape is kept as sent
  }
}
