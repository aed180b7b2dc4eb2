package dev.outlet.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that an Invoke payload is one complete JSON value, as Lambda does, by streaming it token
 * by token: no tree is built and no value is decoded (the payload goes to the function as the bytes
 * it came as). A payload that is not gets AWS's InvalidRequestContentException with the parser's
 * account of where it broke.
 */
final class JsonPayload {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // AWS's message quotes the source
          .build();

  private JsonPayload() {}

  /**
   * @throws LambdaException InvalidRequestContentException unless {@code bytes} is one complete
   *     JSON value (surrounding whitespace and a UTF-8 byte order mark allowed)
   */
  static void check(byte[] bytes) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw invalid("No content to map due to end-of-input");
      }
      p.skipChildren(); // reads to the end of an object or array: every token is checked
      JsonToken after = p.nextToken();
      if (after != null) {
        throw invalid(
            "Unexpected token ("
                + after
                + "), expected end of input: trailing content after the JSON value\n at "
                + p.currentLocation().toString().replaceFirst("^\\[", "[").trim());
      }
      utf8(bytes);
    } catch (JsonProcessingException e) {
      throw invalid(e.getMessage());
    } catch (IOException e) {
      throw invalid(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Checks that the bytes are UTF-8, which the token scan does not (it skips string contents
   * undecoded): decoded through a small reused buffer, nothing kept.
   */
  private static void utf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(1024);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        throw invalid(
            "Invalid UTF-8 byte 0x"
                + Integer.toHexString(bytes[in.position()] & 0xFF)
                + " at offset "
                + in.position());
      }
      out.clear();
      if (r.isUnderflow()) {
        return;
      }
    }
  }

  private static LambdaException invalid(String detail) {
    return new LambdaException(
        ErrorCode.INVALID_REQUEST_CONTENT,
        "Could not parse request body into json: Could not parse payload into json: " + detail);
  }
}
