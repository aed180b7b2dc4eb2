package dev.outlet.invoke;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An accepted {@code Event} invocation as a shared queue keeps it: a version byte, then the
 * function's name, the request id, the invoked ARN and the client context as length-prefixed UTF-8
 * (length -1 for none), then the payload, length-prefixed. Read back by another node, so reading
 * trusts nothing: every length is checked against what is left before anything is allocated.
 */
final class EventBody {
  private static final byte VERSION = 1;

  private EventBody() {}

  /** A body that is not one {@link #encode} wrote. */
  static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  static byte[] encode(EventJournal.Pending event) {
    InvokeRequest r = event.request();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(r.payload().length + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      text(out, event.functionName());
      text(out, r.requestId());
      text(out, r.invokedFunctionArn());
      text(out, r.clientContext());
      out.writeInt(r.payload().length);
      out.write(r.payload());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not from memory
    }
    return bytes.toByteArray();
  }

  /**
   * @throws Malformed if {@code body} is not an event body of this version
   */
  static EventJournal.Pending decode(byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new Malformed("unknown event body version " + version);
      }
      String function = required(in, "function name");
      String requestId = required(in, "request id");
      String arn = required(in, "function ARN");
      String clientContext = text(in);
      byte[] payload = bytes(in);
      if (payload == null) {
        throw new Malformed("an event body without a payload");
      }
      if (in.hasRemaining()) {
        throw new Malformed(in.remaining() + " bytes after the payload");
      }
      return new EventJournal.Pending(
          function, new InvokeRequest(requestId, payload, arn, clientContext, false));
    } catch (BufferUnderflowException e) {
      throw new Malformed("an event body cut short");
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String required(ByteBuffer in, String what) {
    String s = text(in);
    if (s == null) {
      throw new Malformed("an event body without its " + what);
    }
    return s;
  }

  private static String text(ByteBuffer in) {
    byte[] b = bytes(in);
    if (b == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("an event body with text that is not UTF-8");
    }
  }

  private static byte[] bytes(ByteBuffer in) {
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.remaining()) {
      throw new Malformed(
          "an event body with a length of " + n + " where " + in.remaining() + " bytes are left");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
