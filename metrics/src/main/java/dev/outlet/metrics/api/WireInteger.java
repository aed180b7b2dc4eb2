package dev.outlet.metrics.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * A CloudWatch integer member ({@code Period}) as any of its protocols sends it: a number (JSON,
 * CBOR) or a string (the query protocol), a fraction cut off. An empty string is absent, so {@link
 * Validation} calls it missing; a string that is no number is refused with CloudWatch's words
 * ({@link Validation#notANumber}) rather than as an unreadable body. Stateless.
 */
final class WireInteger extends StdDeserializer<Integer> {
  private static final long serialVersionUID = 1L;

  WireInteger() {
    super(Integer.class);
  }

  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> (int) p.getDoubleValue();
      case VALUE_STRING -> parse(p.currentName(), p.getText());
      default -> (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
    };
  }

  /** {@code text} as an integer, null when empty; {@code member} names it in the refusal. */
  static Integer parse(String member, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return (int) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw Validation.notANumber(member, text);
    }
  }
}
