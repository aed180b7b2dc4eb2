package dev.outlet.server;

import dev.outlet.sandbox.ResponseStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peer port's side of a streamed invocation another node forwarded: when the function begins
 * its response, a signed head (200, {@link PeerStream#STREAMED}, its content type), then a {@link
 * PeerStream#DATA} frame for each piece as the runtime sends it, and the answer in the {@link
 * PeerStream#END} frame. The runtime is paused while the forwarding node's side is full. The bytes
 * come on the runtime connection's thread and the end on the invoker's, each after the other;
 * written under this object's lock.
 */
final class PeerStreamWriter implements ResponseStream {
  /** The {@link PeerStream#END} field holding the answer's status. */
  static final String STATUS = ":status";

  private final HttpServerResponse res;
  private final String requestId;
  private final PeerWire.Key key;
  private boolean begun; // guarded by this
  private long seq; // guarded by this
  private final dev.outlet.edge.DrainGate gate;

  PeerStreamWriter(HttpServerResponse res, String requestId, PeerWire.Key key) {
    this.res = res;
    this.requestId = requestId;
    this.key = key;
    this.gate = new dev.outlet.edge.DrainGate(res);
  }

  @Override
  public synchronized void begin(String contentType) {
    if (begun) {
      return;
    }
    begun = true;
    String type = contentType == null ? "" : contentType;
    res.setStatusCode(200)
        .setChunked(true)
        .putHeader(PeerStream.STREAMED, "1")
        .putHeader(PeerWire.CONTENT_TYPE, type)
        .putHeader(PeerWire.SIGNATURE, PeerStream.signHead(key, requestId, type));
  }

  @Override
  public synchronized void write(byte[] bytes) {
    if (gate.gone() || res.ended()) {
      return; // after the end (a timeout while the function still wrote) or the caller left
    }
    for (int at = 0; at < bytes.length; at += PeerStream.MAX_DATA) {
      int length = Math.min(PeerStream.MAX_DATA, bytes.length - at);
      res.write(
          Buffer.buffer(
              PeerStream.frame(key, requestId, seq++, PeerStream.DATA, bytes, at, length)));
    }
  }

  @Override
  public boolean full() {
    return gate.full();
  }

  @Override
  public void whenDrained(Runnable resume) {
    gate.whenDrained(resume);
  }

  /** Whether the head was written: the answer must then come as the stream's end. */
  synchronized boolean begun() {
    return begun;
  }

  /** Ends the stream with {@code answer} (its signed fields) and {@code body}. */
  synchronized void end(PeerWire.Head answer, byte[] body) {
    if (gate.gone() || res.ended()) {
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(STATUS, Integer.toString(answer.status()));
    fields.putAll(answer.headers());
    byte[] end = PeerStream.end(fields, body);
    res.end(
        Buffer.buffer(PeerStream.frame(key, requestId, seq++, PeerStream.END, end, 0, end.length)));
  }
}
