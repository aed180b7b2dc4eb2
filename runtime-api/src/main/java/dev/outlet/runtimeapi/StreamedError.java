package dev.outlet.runtimeapi;

import dev.outlet.core.Json;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error a streamed response's trailers report ({@code Lambda-Runtime-Function-Error-Type},
 * {@code Lambda-Runtime-Function-Error-Body} in base64), as the error document the invocation fails
 * with. Pure.
 */
final class StreamedError {
  static final String TYPE = "Lambda-Runtime-Function-Error-Type";
  static final String BODY = "Lambda-Runtime-Function-Error-Body";

  private StreamedError() {}

  /**
   * The error document, or null when the trailers report none: the body as sent when it is base64,
   * else one built from the type (a runtime that sent only the type, or a body that is not base64).
   */
  static byte[] of(HttpHeaders trailers) {
    String type = trailers.get(TYPE);
    String body = trailers.get(BODY);
    if (type == null && body == null) {
      return null;
    }
    if (body != null) {
      try {
        byte[] decoded = Base64.getDecoder().decode(body.strip());
        if (decoded.length > 0) {
          return decoded;
        }
      } catch (IllegalArgumentException e) {
        // not base64: reported by its type below
      }
    }
    String t = type == null || type.isBlank() ? "Runtime.Unknown" : type.strip();
    return ("{\"errorType\":\""
            + Json.escape(t)
            + "\",\"errorMessage\":\"The response stream ended with an error.\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
