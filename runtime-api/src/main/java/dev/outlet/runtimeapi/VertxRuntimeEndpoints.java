package dev.outlet.runtimeapi;

import dev.outlet.sandbox.RuntimeEndpoint;
import dev.outlet.sandbox.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Opens one Runtime API listener per sandbox on an ephemeral loopback port. Thread-safe; {@link
 * #open} blocks until the port is bound, so call it off event loops.
 */
public final class VertxRuntimeEndpoints implements RuntimeEndpoint.Factory {
  /** The Go and Java clients send an X-Ray cause header of up to 1 MiB. */
  static final int MAX_HEADERS = 2 * 1024 * 1024;

  private final Vertx vertx;
  private final String host;

  public VertxRuntimeEndpoints(Vertx vertx, String host) {
    this.vertx = vertx;
    this.host = host;
  }

  @Override
  public RuntimeEndpoint open(Sandbox sandbox) {
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
    server.listen().toCompletionStage().toCompletableFuture().join();
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
}
