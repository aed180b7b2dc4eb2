package dev.outlet.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the front sends back for a function's successful output (lambda-contract.md §3.2, §3.3).
 * Pure: {@link #map} either returns a response or says the output was malformed.
 *
 * <p>Payload 2.0 (and Function URLs): an object with {@code statusCode} is a response description
 * ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code cookies}, {@code body},
 * {@code isBase64Encoded}); any other valid JSON is a 200 {@code application/json} body (a JSON
 * string without its quotes). Payload 1.0: only the response description is valid.
 *
 * @param headers in order; a name may repeat (one {@code Set-Cookie} per cookie)
 */
public record ProxyResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The output could not be mapped: the front answers its "malformed" error. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Maps {@code output}; {@code v1} when the integration uses payload format 1.0. Only a response
   * description is read into a tree: any other output (an echo, a JSON document the function
   * returns as the body) is checked by streaming through it, with no tree built.
   */
  public static ProxyResponse map(byte[] output, boolean v1) throws Malformed {
    String text = null;
    try (JsonParser p = MAPPER.createParser(output)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new Malformed("empty output");
      }
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          if (p.currentName().equals("statusCode")) {
            return described(MAPPER.readTree(output));
          }
          p.nextToken();
          p.skipChildren();
        }
      } else if (t == JsonToken.VALUE_STRING) {
        text = p.getText();
      } else {
        p.skipChildren();
      }
    } catch (IOException e) {
      throw new Malformed("not JSON");
    }
    if (v1) {
      throw new Malformed("payload 1.0 needs an object with statusCode");
    }
    byte[] body = text != null ? text.getBytes(StandardCharsets.UTF_8) : trimmed(output);
    return new ProxyResponse(200, List.of(Map.entry("Content-Type", "application/json")), body);
  }

  /**
   * The head a streamed response's prelude describes ({@code awslambda.HttpResponseStream}: a JSON
   * object with {@code statusCode}, 200 when absent, {@code headers} and {@code cookies}); its body
   * follows on the stream.
   */
  public static ProxyResponse prelude(byte[] json) throws Malformed {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new Malformed("the prelude is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Malformed("the prelude is not a JSON object");
    }
    if (!node.has("statusCode")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("statusCode", 200);
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("body");
    return described(node);
  }

  private static ProxyResponse described(JsonNode node) throws Malformed {
    JsonNode sc = node.get("statusCode");
    int status;
    if (sc.isInt()) {
      status = sc.intValue();
    } else if (sc.isTextual() && sc.textValue().matches("\\d{3}")) {
      status = Integer.parseInt(sc.textValue());
    } else {
      throw new Malformed("statusCode is not a number");
    }
    if (status < 100 || status > 599) {
      throw new Malformed("statusCode out of range");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    JsonNode h = node.get("headers");
    if (h != null && h.isObject()) {
      for (var e : h.properties()) {
        if (!e.getValue().isNull()) {
          headers.add(Map.entry(e.getKey(), text(e.getValue())));
        }
      }
    }
    JsonNode mh = node.get("multiValueHeaders");
    if (mh != null && mh.isObject()) {
      for (var e : mh.properties()) {
        if (e.getValue().isArray()) {
          headers.removeIf(x -> x.getKey().equalsIgnoreCase(e.getKey()));
          for (JsonNode v : e.getValue()) {
            headers.add(Map.entry(e.getKey(), text(v)));
          }
        }
      }
    }
    JsonNode cookies = node.get("cookies");
    if (cookies != null && cookies.isArray()) {
      for (JsonNode c : cookies) {
        headers.add(Map.entry("Set-Cookie", text(c)));
      }
    }
    JsonNode b = node.get("body");
    byte[] body;
    if (b == null || b.isNull()) {
      body = new byte[0];
    } else {
      String text = text(b);
      JsonNode b64 = node.get("isBase64Encoded");
      if (b64 != null && b64.asBoolean(false)) {
        try {
          body = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
          throw new Malformed("body is not base64");
        }
      } else {
        body = text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return new ProxyResponse(status, headers, body);
  }

  private static String text(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static byte[] trimmed(byte[] output) {
    int from = 0;
    int to = output.length;
    while (from < to && Character.isWhitespace(output[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(output[to - 1])) {
      to--;
    }
    return java.util.Arrays.copyOfRange(output, from, to);
  }
}
