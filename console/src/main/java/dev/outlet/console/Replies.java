package dev.outlet.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The console API's answers: typed records as JSON, and errors as {@code {"message": ...}}. */
final class Replies {
  static final ObjectMapper JSON = new ObjectMapper();

  private Replies() {}

  /** An error the page shows as it is, with AWS's error type in {@code x-amzn-ErrorType}. */
  record Problem(String code, String message) {}

  static void json(HttpServerResponse res, int status, Object body) {
    if (res.ended() || res.closed()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    res.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(bytes));
  }

  static void rawJson(HttpServerResponse res, String body) {
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(200)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  static void error(HttpServerResponse res, int status, String code, String message) {
    if (!res.ended() && !res.closed()) {
      res.putHeader("x-amzn-ErrorType", code);
    }
    json(res, status, new Problem(code, message));
  }
}
