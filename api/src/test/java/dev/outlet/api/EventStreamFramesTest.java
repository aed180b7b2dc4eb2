package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The event stream encoding, read back field by field as the format defines it. */
class EventStreamFramesTest {
  private record Message(Map<String, String> headers, byte[] payload) {}

  private static long crc(byte[] b, int from, int to) {
    CRC32 c = new CRC32();
    c.update(b, from, to - from);
    return c.getValue();
  }

  private static Message read(Buffer frame) {
    byte[] b = frame.getBytes();
    int total = frame.getInt(0);
    int headersLength = frame.getInt(4);
    assertThat(total).isEqualTo(b.length);
    assertThat(frame.getUnsignedInt(8)).isEqualTo(crc(b, 0, 8));
    assertThat(frame.getUnsignedInt(total - 4)).isEqualTo(crc(b, 0, total - 4));
    Map<String, String> headers = new LinkedHashMap<>();
    int at = 12;
    while (at < 12 + headersLength) {
      int nameLength = b[at++] & 0xff;
      String name = new String(b, at, nameLength, StandardCharsets.US_ASCII);
      at += nameLength;
      assertThat(b[at++]).as("string value type").isEqualTo((byte) 7);
      int valueLength = frame.getUnsignedShort(at);
      at += 2;
      headers.put(name, new String(b, at, valueLength, StandardCharsets.UTF_8));
      at += valueLength;
    }
    return new Message(headers, java.util.Arrays.copyOfRange(b, at, total - 4));
  }

  @Test
  void aPayloadChunkCarriesTheBytesAsAnOctetStreamEvent() {
    Message m = read(EventStreamFrames.payloadChunk(Buffer.buffer("héllo")));
    assertThat(m.headers())
        .containsExactly(
            Map.entry(":event-type", "PayloadChunk"),
            Map.entry(":content-type", "application/octet-stream"),
            Map.entry(":message-type", "event"));
    assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo");
  }

  @Test
  void invokeCompleteIsJsonWithTheMembersGiven() {
    Message done = read(EventStreamFrames.invokeComplete(null, null, null));
    assertThat(done.headers()).containsEntry(":event-type", "InvokeComplete");
    assertThat(done.headers()).containsEntry(":content-type", "application/json");
    assertThat(new String(done.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    Message failed =
        read(
            EventStreamFrames.invokeComplete(
                "Error", "{\"errorMessage\":\"a \\\"b\\\"\"}", "TG9n"));
    assertThat(new String(failed.payload(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"ErrorCode\":\"Error\",\"ErrorDetails\":\"{\\\"errorMessage\\\":\\\"a \\\\\\\"b\\\\\\\"\\\"}\","
                + "\"LogResult\":\"TG9n\"}");
  }
}
