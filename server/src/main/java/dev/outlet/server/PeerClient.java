package dev.outlet.server;

import dev.outlet.core.Limits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * Sends forwarded invocations to other nodes' peer ports: kept-alive HTTP/1.1 connections, one pool
 * per node, never blocking. What came of a send is a {@link Delivery}: an answer, a request that
 * never left (no connection: nothing ran, it may run elsewhere), or one that was sent and got no
 * valid answer (the node died or the answer was forged: it may have run).
 */
final class PeerClient implements AutoCloseable {
  /** How long connecting to a node may take before the invocation runs elsewhere. */
  static final int CONNECT_MILLIS = 2_000;

  /** The largest answer read: a response payload and its framing. */
  static final long MAX_ANSWER = Limits.SYNC_PAYLOAD + 64 * 1024;

  /** What came of one send. */
  sealed interface Delivery permits Answered, NotSent, Lost {}

  record Answered(PeerWire.Answer answer) implements Delivery {}

  record NotSent(String why) implements Delivery {}

  record Lost(String why) implements Delivery {}

  private final HttpClientAgent client;
  private final PeerWire.Key key;
  private final InstantSource clock;

  PeerClient(Vertx vertx, PeerWire.Key key, InstantSource clock) {
    this.key = key;
    this.clock = clock;
    this.client =
        vertx.createHttpClient(Relaying.clientOptions(), new PoolOptions().setHttp1MaxSize(256));
  }

  /**
   * Sends {@code call} to the node at {@code address} ({@code host:port}); an answer must come
   * within {@code timeoutMillis} of silence.
   */
  CompletableFuture<Delivery> send(String address, PeerWire.Call call, long timeoutMillis) {
    int colon = address.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return CompletableFuture.completedFuture(new NotSent("no port in the address " + address));
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    byte[] payload = call.request().payload();
    var headers = PeerWire.request(call, payload, clock.millis(), key);
    CompletableFuture<Delivery> out = new CompletableFuture<>();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setURI(PeerWire.PATH)
                .setIdleTimeout(timeoutMillis))
        .onFailure(e -> out.complete(new NotSent(message(e))))
        .onSuccess(
            req -> {
              headers.forEach(req::putHeader);
              req.send(Buffer.buffer(payload))
                  .compose(
                      res -> {
                        if (call.streamed() && res.getHeader(PeerStream.STREAMED) != null) {
                          new PeerStreamReading(res, call, key, out).start();
                          return io.vertx.core.Future.succeededFuture(null);
                        }
                        return capped(res);
                      })
                  .onFailure(e -> out.complete(new Lost(message(e))))
                  .onSuccess(
                      answer -> {
                        if (answer != null) { // else a stream, read as it comes
                          out.complete(
                              delivery(
                                  PeerWire.readAnswer(
                                      answer.status(),
                                      answer.headers()::get,
                                      answer.body(),
                                      call.request().requestId(),
                                      key)));
                        }
                      });
            });
    return out;
  }

  /** What a read answer delivers: the answer, or a lost call when it was not a valid one. */
  static Delivery delivery(PeerWire.Read<PeerWire.Answer> read) {
    return switch (read) {
      case PeerWire.Read.Valid<PeerWire.Answer> v -> new Answered(v.value());
      case PeerWire.Read.Invalid<PeerWire.Answer> i -> new Lost(i.why());
    };
  }

  private record Raw(int status, io.vertx.core.MultiMap headers, byte[] body) {}

  private io.vertx.core.Future<Raw> capped(HttpClientResponse res) {
    String length = res.getHeader("Content-Length");
    long n;
    try {
      n = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > MAX_ANSWER) {
      res.request().reset();
      return io.vertx.core.Future.failedFuture(
          "an answer of " + (n < 0 ? "unknown" : Long.toString(n)) + " bytes");
    }
    return res.body().map(b -> new Raw(res.statusCode(), res.headers(), b.getBytes()));
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
