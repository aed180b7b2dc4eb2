package dev.outlet.runtimeapi;

import dev.outlet.core.Json;
import io.vertx.core.buffer.Buffer;

/** The Runtime API's error body: {@code {"errorMessage":"...","errorType":"..."}}. */
final class ErrorBody {
  private ErrorBody() {}

  static Buffer of(String type, String message) {
    return Buffer.buffer(
        "{\"errorMessage\":\"" + Json.escape(message) + "\",\"errorType\":\"" + type + "\"}");
  }
}
