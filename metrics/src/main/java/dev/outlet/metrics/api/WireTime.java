package dev.outlet.metrics.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A CloudWatch timestamp member as any of its protocols sends it: epoch seconds as a number (JSON
 * 1.0; CBOR behind tag 1, which the parser has already read), or a string (the query protocol and
 * the CLI) holding ISO 8601 with an offset, ISO 8601 without one (UTC), or epoch seconds. Fractions
 * of a second are kept to the millisecond. An empty string is absent, so {@link Validation} calls
 * it missing; any other string is refused with CloudWatch's words ({@link
 * Validation#notATimestamp}). Stateless.
 */
final class WireTime extends StdDeserializer<Instant> {
  private static final long serialVersionUID = 1L;

  WireTime() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> epochSeconds(p.getDoubleValue());
      case VALUE_STRING -> parse(p.currentName(), p.getText());
      default -> (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    };
  }

  /** {@code text} as a timestamp, null when empty; {@code member} names it in the refusal. */
  static Instant parse(String member, String text) {
    if (text.isEmpty()) {
      return null;
    }
    String v = text.trim();
    try {
      if (v.matches("\\d+(\\.\\d+)?")) {
        return epochSeconds(Double.parseDouble(v));
      }
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw Validation.notATimestamp(member, v);
    }
  }

  private static Instant epochSeconds(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }
}
