package dev.outlet.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a registry request is answered with: a status, headers, and a body of bytes, a file's
 * contents (a blob, streamed by Vert.x), or nothing (a HEAD's answer keeps its Content-Length).
 */
record Answer(int status, Map<String, String> headers, byte[] body, Path file) {
  Answer {
    headers = Map.copyOf(headers);
  }

  static Answer of(int status, Map<String, String> headers) {
    return new Answer(status, headers, null, null);
  }

  static Answer json(int status, byte[] body, Map<String, String> more) {
    Map<String, String> h = new LinkedHashMap<>(more);
    h.put("Content-Type", "application/json; charset=utf-8");
    return new Answer(status, h, body, null);
  }
}
