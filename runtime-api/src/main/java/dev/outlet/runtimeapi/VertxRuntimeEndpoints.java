package dev.outlet.runtimeapi;

import dev.outlet.sandbox.RuntimeEndpoint;
import dev.outlet.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens one Runtime API listener per sandbox on an ephemeral loopback port. Thread-safe; {@link
 * #open} blocks until the port is bound, so call it off event loops.
 *
 * <p>Affinity: a sandbox is served on the event loop of the thread that asked for it when that
 * thread is one of Vert.x's event loops. The invocation that starts a sandbox, and under a steady
 * load most that follow on the same connection, then hand the event to the runtime's parked {@code
 * /next} and take its result back without waking another thread.
 */
public final class VertxRuntimeEndpoints implements RuntimeEndpoint.Factory {
  /** The Go and Java clients send an X-Ray cause header of up to 1 MiB. */
  static final int MAX_HEADERS = 2 * 1024 * 1024;

  private final Vertx vertx;
  private final String host;
  private final Map<Thread, Context> loops;

  /**
   * @param eventLoops how many event loops {@code vertx} has (its {@code eventLoopPoolSize})
   */
  public VertxRuntimeEndpoints(Vertx vertx, String host, int eventLoops) {
    this.vertx = vertx;
    this.host = host;
    this.loops = contextsByThread(vertx, eventLoops);
  }

  /**
   * One context per event loop thread: contexts created off Vert.x threads take the event loops in
   * turn, so twice as many as there are loops reach each of them.
   */
  private static Map<Thread, Context> contextsByThread(Vertx vertx, int eventLoops) {
    Map<Thread, Context> found = new HashMap<>();
    for (int i = 0; i < 2 * eventLoops; i++) {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      context.runOnContext(v -> thread.complete(Thread.currentThread()));
      found.putIfAbsent(thread.join(), context);
    }
    return Map.copyOf(found);
  }

  @Override
  public RuntimeEndpoint open(Sandbox sandbox, Thread near) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(0)
            .setMaxHeaderSize(MAX_HEADERS)
            .setMaxInitialLineLength(16 * 1024)
            .setIdleTimeout(0)
            .setTcpNoDelay(true)
            .setHandle100ContinueAutomatically(true) // curl sends Expect for bodies over 1 MB
            .setReuseAddress(true);
    HttpServer server =
        vertx.createHttpServer(options).requestHandler(new RuntimeApiHandler(sandbox));
    Context home = near == null ? null : loops.get(near);
    CompletableFuture<HttpServer> bound = new CompletableFuture<>();
    if (home == null) {
      complete(server.listen(), bound);
    } else {
      home.runOnContext(v -> complete(server.listen(), bound)); // connections stay on this loop
    }
    bound.join();
    String address = host + ":" + server.actualPort();
    return new RuntimeEndpoint() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private static void complete(Future<HttpServer> listening, CompletableFuture<HttpServer> bound) {
    listening.onComplete(
        ar -> {
          if (ar.succeeded()) {
            bound.complete(ar.result());
          } else {
            bound.completeExceptionally(ar.cause());
          }
        });
  }
}
