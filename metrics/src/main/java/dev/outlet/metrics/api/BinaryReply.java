package dev.outlet.metrics.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes replies and errors for the JSON (awsJson1_0) and CBOR (rpc-v2-cbor) protocols: objects,
 * arrays, numbers; timestamps as epoch seconds (in CBOR with tag 1, as Smithy requires). Pure.
 */
final class BinaryReply {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private BinaryReply() {}

  static byte[] write(boolean cbor, Map<String, Object> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = (cbor ? CBOR : JSON).getFactory().createGenerator(out)) {
      value(g, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code {"__type": shape, "message": text}}. */
  static byte[] error(boolean cbor, ApiError error, String message) {
    return write(cbor, Map.of("__type", error.shape, "message", message));
  }

  @SuppressWarnings("unchecked")
  private static void value(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case Map<?, ?> m -> {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
          g.writeFieldName(e.getKey());
          value(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ValueMap vm -> value(g, vm.entries());
      case List<?> list -> {
        g.writeStartArray();
        for (Object o : list) {
          value(g, o);
        }
        g.writeEndArray();
      }
      case Instant t -> {
        if (g instanceof CBORGenerator c) {
          c.writeTag(1);
        }
        g.writeNumber(t.toEpochMilli() / 1000.0);
      }
      case Double d -> g.writeNumber(d);
      case Number n -> g.writeNumber(n.longValue());
      default -> g.writeString(String.valueOf(v));
    }
  }
}
