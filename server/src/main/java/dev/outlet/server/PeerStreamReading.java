package dev.outlet.server;

import dev.outlet.core.Limits;
import dev.outlet.sandbox.ResponseStream;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The forwarding node's side of a streamed answer: checks the head's signature, begins the caller's
 * stream with its content type, passes each {@link PeerStream#DATA} frame's bytes on as it arrives
 * (pausing the peer connection while the caller's side is full), and completes the call with the
 * answer of the {@link PeerStream#END} frame. A head or frame no node of the cluster signed, a
 * stream longer than Lambda's streamed limit, or a connection cut before the end is {@link
 * PeerClient.Lost}: the caller's stream ends in error. Runs on the peer connection's event loop.
 */
final class PeerStreamReading {
  private final HttpClientResponse res;
  private final PeerWire.Call call;
  private final PeerWire.Key key;
  private final CompletableFuture<PeerClient.Delivery> out;
  private final ResponseStream target;
  private long streamed;

  PeerStreamReading(
      HttpClientResponse res,
      PeerWire.Call call,
      PeerWire.Key key,
      CompletableFuture<PeerClient.Delivery> out) {
    this.res = res;
    this.call = call;
    this.key = key;
    this.out = out;
    this.target = call.request().stream();
  }

  void start() {
    String id = call.request().requestId();
    String type = res.getHeader(PeerWire.CONTENT_TYPE);
    if (res.statusCode() != 200
        || type == null
        || type.length() > PeerWire.MAX_FIELD
        || !key.verify(res.getHeader(PeerWire.SIGNATURE), "stream", id, type)) {
      lost("a stream's head not signed with this cluster's key");
      return;
    }
    target.begin(type.isEmpty() ? "application/octet-stream" : type);
    PeerStream.Reader reader = new PeerStream.Reader(key, id, this::accept);
    res.handler(b -> reader.feed(b.getBytes()));
    res.exceptionHandler(e -> reader.closed(String.valueOf(e.getMessage())));
    res.endHandler(v -> reader.closed("the connection ended"));
  }

  private void accept(PeerStream.Event event) {
    switch (event) {
      case PeerStream.Event.Data d -> {
        streamed += d.bytes().length;
        if (streamed > Limits.STREAMED_RESPONSE + PeerStream.MAX_DATA) {
          lost("a stream past " + Limits.STREAMED_RESPONSE + " bytes");
          return;
        }
        target.write(d.bytes());
        if (target.full()) {
          res.pause();
          target.whenDrained(res::resume);
        }
      }
      case PeerStream.Event.End e -> {
        int status;
        try {
          status = Integer.parseInt(e.fields().getOrDefault(PeerStreamWriter.STATUS, ""));
        } catch (NumberFormatException n) {
          lost("a stream's end without its status");
          return;
        }
        out.complete(
            PeerClient.delivery(
                PeerWire.readAnswer(
                    status, e.fields()::get, e.body(), call.request().requestId(), key)));
      }
      case PeerStream.Event.Invalid i -> lost(i.why());
    }
  }

  private void lost(String why) {
    if (out.complete(new PeerClient.Lost(why))) {
      res.request().reset();
    }
  }
}
