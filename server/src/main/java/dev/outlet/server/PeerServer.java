package dev.outlet.server;

import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.edge.CappedBody;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's peer port: runs the invocations other nodes forward to it ({@link PeerWire}), here, on
 * its own sandboxes, never forwarding them again. Only signed requests within their window are run,
 * each request id once; anything else is a 403 with nothing run.
 */
final class PeerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerServer.class);

  /** Runs a forwarded invocation here; empty when this node does not know the version. */
  @FunctionalInterface
  interface Runner {
    Optional<CompletableFuture<InvokeOutcome>> run(PeerWire.Call call);
  }

  private final PeerWire.Key key;
  private final InstantSource clock;
  private final Runner runner;
  private final HttpServer server;

  /** Request ids run, in two generations: each id is kept between two and four windows. */
  private volatile Set<String> current = ConcurrentHashMap.newKeySet();

  private volatile Set<String> previous = ConcurrentHashMap.newKeySet();
  private final AtomicLong rotated = new AtomicLong();

  private PeerServer(
      Vertx vertx, String host, int port, PeerWire.Key key, InstantSource clock, Runner runner) {
    this.key = key;
    this.clock = clock;
    this.runner = runner;
    this.server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost(host)
                    .setPort(port)
                    .setIdleTimeout(0)
                    .setTcpNoDelay(true)
                    .setMaxHeaderSize(64 * 1024)
                    .setCompressionSupported(false))
            .requestHandler(this::handle);
  }

  /** Listens on {@code host:port} (0: any free port); returns once bound. */
  static PeerServer start(
      Vertx vertx, String host, int port, PeerWire.Key key, InstantSource clock, Runner runner) {
    PeerServer s = new PeerServer(vertx, host, port, key, clock, runner);
    s.server.listen().toCompletionStage().toCompletableFuture().join();
    return s;
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    if (req.method() != io.vertx.core.http.HttpMethod.POST || !PeerWire.PATH.equals(req.path())) {
      req.response().setStatusCode(404).end();
      return;
    }
    CappedBody.collect(
        req,
        Limits.SYNC_PAYLOAD,
        body -> run(req, body),
        () -> req.response().setStatusCode(413).end());
  }

  private void run(HttpServerRequest req, Buffer body) {
    long now = clock.millis();
    byte[] payload = body.getBytes();
    PeerWire.Call call;
    switch (PeerWire.readRequest(req::getHeader, payload, now, key)) {
      case PeerWire.Read.Valid<PeerWire.Call> v -> call = v.value();
      case PeerWire.Read.Invalid<PeerWire.Call> i -> {
        refuse(req, i.why());
        return;
      }
    }
    if (!firstTime(call.request().requestId(), now)) {
      refuse(req, "request " + call.request().requestId() + " was already run");
      return;
    }
    String id = call.request().requestId();
    PeerStreamWriter stream = null;
    if (call.streamed()) {
      stream = new PeerStreamWriter(req.response(), id, key);
      InvokeRequest r = call.request();
      call =
          new PeerWire.Call(
              call.region(),
              call.function(),
              call.version(),
              new InvokeRequest(
                  id, r.payload(), r.invokedFunctionArn(), r.clientContext(), r.tail(), stream),
              true);
    }
    PeerStreamWriter streamed = stream;
    Optional<CompletableFuture<InvokeOutcome>> running;
    try {
      running = runner.run(call);
    } catch (LambdaException e) {
      answer(req, new PeerWire.Refused(e), id, e.getMessage().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (running.isEmpty()) {
      answer(req, new PeerWire.NotHere("unknown version"), id, new byte[0]);
      return;
    }
    running
        .get()
        .whenComplete(
            (outcome, error) -> {
              Throwable cause =
                  error instanceof java.util.concurrent.CompletionException c
                          && c.getCause() != null
                      ? c.getCause()
                      : error;
              if (streamed != null && streamed.begun()) { // the answer is the stream's end
                if (cause == null) {
                  streamed.end(
                      PeerWire.answer(new PeerWire.Ran(outcome), id, outcome.result().body(), key),
                      outcome.result().body());
                } else {
                  LOG.warn("peer port: streamed invocation {} failed: {}", id, cause.toString());
                  req.connection().close();
                }
              } else if (cause == null) {
                answer(req, new PeerWire.Ran(outcome), id, outcome.result().body());
              } else if (cause instanceof LambdaException e) { // refused before it ran
                answer(
                    req,
                    new PeerWire.Refused(e),
                    id,
                    e.getMessage().getBytes(StandardCharsets.UTF_8));
              } else { // it may have run: the sender must not run it again, so no answer
                LOG.warn("peer port: invocation {} failed: {}", id, cause.toString());
                req.connection().close();
              }
            });
  }

  /**
   * Records {@code requestId} as run; false when it already was. A request is good for a window
   * either side of its time, so an id must be remembered for two windows: the generations turn
   * every two windows (dropping one is constant time, never a scan on the event loop).
   */
  private boolean firstTime(String requestId, long now) {
    long since = rotated.get();
    if (now - since > 2 * PeerWire.WINDOW_MILLIS && rotated.compareAndSet(since, now)) {
      previous = current;
      current = ConcurrentHashMap.newKeySet();
    }
    return !previous.contains(requestId) && current.add(requestId);
  }

  private void answer(HttpServerRequest req, PeerWire.Answer answer, String id, byte[] body) {
    PeerWire.Head head = PeerWire.answer(answer, id, body, key);
    var res = req.response().setStatusCode(head.status());
    head.headers().forEach(res::putHeader);
    res.end(Buffer.buffer(body));
  }

  private void refuse(HttpServerRequest req, String why) {
    LOG.warn("peer port: refused a request from {}: {}", req.remoteAddress(), why);
    req.response().setStatusCode(403).end(why);
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }
}
