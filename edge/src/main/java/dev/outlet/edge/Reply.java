package dev.outlet.edge;

import java.util.Map;

/**
 * A complete answer: status, headers (beyond {@code x-amzn-RequestId}, which the edge adds) and
 * body.
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  /** 200 with {@code body} of {@code contentType}. */
  public static Reply ok(String contentType, byte[] body) {
    return new Reply(200, Map.of("Content-Type", contentType), body);
  }
}
