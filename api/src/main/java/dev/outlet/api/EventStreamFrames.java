package dev.outlet.api;

import dev.outlet.core.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The frames of InvokeWithResponseStream's answer, in AWS's event stream encoding ({@code
 * application/vnd.amazon.eventstream}): a prelude (total length, headers' length, their CRC32), the
 * headers ({@code :event-type}, {@code :content-type}, {@code :message-type}, each a string), the
 * payload and the CRC32 of all before it. Pure.
 */
final class EventStreamFrames {
  private static final byte STRING = 7;
  private static final int PRELUDE = 12;
  private static final int CRC = 4;

  private EventStreamFrames() {}

  /** A {@code PayloadChunk} event carrying {@code bytes} of the function's stream. */
  static Buffer payloadChunk(Buffer bytes) {
    return frame("PayloadChunk", "application/octet-stream", bytes);
  }

  /**
   * The {@code InvokeComplete} event that ends the stream: {@code errorCode} and {@code
   * errorDetails} when the function failed, {@code logResult} when the caller asked for the log's
   * tail (each left out when null).
   */
  static Buffer invokeComplete(String errorCode, String errorDetails, String logResult) {
    StringBuilder json = new StringBuilder("{");
    member(json, "ErrorCode", errorCode);
    member(json, "ErrorDetails", errorDetails);
    member(json, "LogResult", logResult);
    json.append('}');
    return frame(
        "InvokeComplete",
        "application/json",
        Buffer.buffer(json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static void member(StringBuilder json, String name, String value) {
    if (value == null) {
      return;
    }
    if (json.length() > 1) {
      json.append(',');
    }
    json.append('"').append(name).append("\":\"").append(Json.escape(value)).append('"');
  }

  /** One event message: its three headers and {@code payload}. */
  static Buffer frame(String eventType, String contentType, Buffer payload) {
    Buffer headers = Buffer.buffer(96);
    header(headers, ":event-type", eventType);
    header(headers, ":content-type", contentType);
    header(headers, ":message-type", "event");
    int total = PRELUDE + headers.length() + payload.length() + CRC;
    Buffer out = Buffer.buffer(total);
    out.appendInt(total).appendInt(headers.length());
    out.appendInt((int) crc(out, 0, 8));
    out.appendBuffer(headers).appendBuffer(payload);
    out.appendInt((int) crc(out, 0, out.length()));
    return out;
  }

  private static void header(Buffer out, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    out.appendByte((byte) n.length).appendBytes(n);
    out.appendByte(STRING).appendShort((short) v.length).appendBytes(v);
  }

  private static long crc(Buffer b, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(b.getBytes(from, to));
    return crc.getValue();
  }
}
