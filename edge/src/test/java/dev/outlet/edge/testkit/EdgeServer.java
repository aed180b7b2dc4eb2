package dev.outlet.edge.testkit;

import dev.outlet.edge.Authorizer;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.Service;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An {@link AwsEdge} over the given services on a real Vert.x server on loopback, for tests of the
 * edge and of the services on it; requests no service claims get 404 {@code unclaimed}.
 */
public final class EdgeServer implements AutoCloseable {
  private final Vertx vertx;
  private final ExecutorService blocking;
  private final HttpServer server;

  private EdgeServer(Vertx vertx, ExecutorService blocking, HttpServer server) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.server = server;
  }

  public static EdgeServer start(List<Service> services, RequestVerifier verifier) {
    return start(services, verifier, Authorizer.ALLOW_ALL);
  }

  public static EdgeServer start(
      List<Service> services, RequestVerifier verifier, Authorizer authorizer) {
    Vertx vertx = Vertx.vertx();
    ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    AwsEdge edge = new AwsEdge(services, blocking, verifier, authorizer, "us-east-1");
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (!edge.offer(req)) {
                    req.response().setStatusCode(404).end("unclaimed");
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    return new EdgeServer(vertx, blocking, server);
  }

  /** {@code http://127.0.0.1:PORT} plus {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
    blocking.close();
  }
}
