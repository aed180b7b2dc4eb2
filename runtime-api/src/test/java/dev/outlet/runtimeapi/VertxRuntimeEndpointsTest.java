package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener each event loop keeps bound ahead of time, before a sandbox takes it. */
class VertxRuntimeEndpointsTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void eachEventLoopHasASpareListenerThatRefusesRequestsUntilASandboxTakesIt() throws Exception {
    VertxRuntimeEndpoints endpoints = new VertxRuntimeEndpoints(vertx, "127.0.0.1", 1);
    CompletableFuture<Thread> loop = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> loop.complete(Thread.currentThread()));
    Thread thread = loop.get();
    String address = null;
    for (int i = 0; i < 200 && address == null; i++) {
      address = endpoints.spareAddress(thread);
      if (address == null) {
        Thread.sleep(10);
      }
    }
    assertThat(address).as("a spare listener bound within 2 s").startsWith("127.0.0.1:");
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + address + "/2018-06-01/runtime/invocation/next"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(503);
  }
}
