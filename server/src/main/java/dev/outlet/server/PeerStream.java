package dev.outlet.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A streamed answer on the peer hop (InvokeWithResponseStream or a {@code RESPONSE_STREAM} Function
 * URL placed on another node): after a head saying the stream began, its body is a sequence of
 * frames, each {@code [kind: 1 byte][length: 4 bytes][MAC: 32 bytes][payload]}: {@link #DATA}
 * frames carry the function's bytes as they come, one {@link #END} frame carries the answer's
 * fields and body, as a whole answer's headers and body would. Each frame's MAC is HMAC-SHA256
 * under the cluster's secret over the request id, the frame's number and its kind and payload, so a
 * frame cannot be forged, moved to another stream, dropped or reordered unseen.
 *
 * <p>{@link Reader} reads what the network delivers, cut anywhere: reachable from the peer port's
 * answers, it checks every length before it buffers and reports anything else as {@link
 * Event.Invalid}, never an exception.
 */
final class PeerStream {
  /** The answer header saying the body is frames. */
  static final String STREAMED = "X-Outlet-Streamed";

  static final byte DATA = 'D';
  static final byte END = 'E';

  /** The largest payload of a {@link #DATA} frame: larger writes are cut. */
  static final int MAX_DATA = 64 * 1024;

  /** The largest {@link #END} frame: a whole answer's fields and body. */
  static final int MAX_END = (int) PeerClient.MAX_ANSWER;

  static final int HEAD = 1 + 4 + 32;

  private PeerStream() {}

  /** The head's signature: the stream of {@code requestId} began, of {@code contentType}. */
  static String signHead(PeerWire.Key key, String requestId, String contentType) {
    return key.sign("stream", requestId, contentType);
  }

  /** Frame number {@code seq} of the stream answering {@code requestId}. */
  static byte[] frame(
      PeerWire.Key key,
      String requestId,
      long seq,
      byte kind,
      byte[] payload,
      int offset,
      int length) {
    byte[] out = new byte[HEAD + length];
    out[0] = kind;
    ByteBuffer.wrap(out, 1, 4).putInt(length);
    byte[] mac = key.mac(requestId, seq, kind, payload, offset, length);
    System.arraycopy(mac, 0, out, 5, 32);
    System.arraycopy(payload, offset, out, HEAD, length);
    return out;
  }

  /** The {@link #END} frame's payload: the answer's fields, in order, then its body. */
  static byte[] end(Map<String, String> fields, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + body.length);
    ByteBuffer n = ByteBuffer.allocate(4);
    out.write(n.putInt(0, fields.size()).array(), 0, 4);
    for (Map.Entry<String, String> e : fields.entrySet()) {
      for (String s : new String[] {e.getKey(), e.getValue()}) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(n.putInt(0, b.length).array(), 0, 4);
        out.write(b, 0, b.length);
      }
    }
    out.write(n.putInt(0, body.length).array(), 0, 4);
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /** What a reader found. */
  sealed interface Event {
    /** The function's next bytes. */
    record Data(byte[] bytes) implements Event {}

    /** The stream's end: the answer's fields and body (whose own signature is checked next). */
    record End(Map<String, String> fields, byte[] body) implements Event {}

    /** Something no node of this cluster sent: the stream is over. */
    record Invalid(String why) implements Event {}
  }

  /** Where a reader's events go. */
  @FunctionalInterface
  interface Sink {
    void accept(Event event);
  }

  /**
   * Reads the frames of the stream answering one request as they arrive. After {@link Event.End} or
   * {@link Event.Invalid}, it reads nothing more. Not thread-safe: one connection's reader.
   */
  static final class Reader {
    private final PeerWire.Key key;
    private final String requestId;
    private final Sink sink;
    private byte[] pending = new byte[0];
    private int pendingLength;
    private long seq;
    private boolean over;

    Reader(PeerWire.Key key, String requestId, Sink sink) {
      this.key = key;
      this.requestId = requestId;
      this.sink = sink;
    }

    /** Whether the stream ended (its {@link Event.End}) or was found invalid. */
    boolean over() {
      return over;
    }

    /** Reads the next bytes the network delivered. */
    void feed(byte[] bytes) {
      if (over) {
        return;
      }
      append(bytes);
      int at = 0;
      while (!over && pendingLength - at >= HEAD) {
        byte kind = pending[at];
        int length = ByteBuffer.wrap(pending, at + 1, 4).getInt();
        int max = kind == DATA ? MAX_DATA : kind == END ? MAX_END : -1;
        if (max < 0) {
          fail("a frame of unknown kind " + (kind & 0xff));
          return;
        }
        if (length < 0 || length > max) {
          fail("a frame of " + Integer.toUnsignedString(length) + " bytes");
          return;
        }
        if (pendingLength - at < HEAD + length) {
          break;
        }
        byte[] mac = key.mac(requestId, seq, kind, pending, at + HEAD, length);
        if (!MessageDigest.isEqual(mac, java.util.Arrays.copyOfRange(pending, at + 5, at + 37))) {
          fail("frame " + seq + "'s MAC does not match");
          return;
        }
        byte[] payload = java.util.Arrays.copyOfRange(pending, at + HEAD, at + HEAD + length);
        at += HEAD + length;
        seq++;
        if (kind == DATA) {
          sink.accept(new Event.Data(payload));
        } else {
          over = true;
          sink.accept(readEnd(payload));
        }
      }
      if (over) {
        pending = new byte[0];
        pendingLength = 0;
      } else if (at > 0) {
        System.arraycopy(pending, at, pending, 0, pendingLength - at);
        pendingLength -= at;
      }
    }

    /** The connection ended: an error unless the stream had ended first. */
    void closed(String why) {
      if (!over) {
        fail("the stream was cut before its end (" + why + ")");
      }
    }

    private void append(byte[] bytes) {
      int needed = pendingLength + bytes.length; // at most one frame and what came after it
      if (needed > pending.length) {
        pending =
            java.util.Arrays.copyOf(
                pending, Math.max(needed, Math.min(2 * pending.length, HEAD + MAX_END)));
      }
      System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
      pendingLength += bytes.length;
    }

    private void fail(String why) {
      over = true;
      pending = new byte[0];
      pendingLength = 0;
      sink.accept(new Event.Invalid(why));
    }

    private static Event readEnd(byte[] p) {
      ByteBuffer b = ByteBuffer.wrap(p);
      try {
        int count = b.getInt();
        if (count < 0 || count > 32) {
          return new Event.Invalid("an end of " + count + " fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          fields.put(string(b), string(b));
        }
        int length = b.getInt();
        if (length != b.remaining()) {
          return new Event.Invalid("an end whose body is not its rest");
        }
        byte[] body = new byte[length];
        b.get(body);
        return new Event.End(fields, body);
      } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
        return new Event.Invalid("an end cut short");
      }
    }

    private static String string(ByteBuffer b) {
      int length = b.getInt();
      if (length < 0 || length > b.remaining() || length > PeerWire.MAX_FIELD) {
        throw new IllegalArgumentException("a field of " + length + " bytes");
      }
      byte[] s = new byte[length];
      b.get(s);
      return new String(s, StandardCharsets.UTF_8);
    }
  }
}
