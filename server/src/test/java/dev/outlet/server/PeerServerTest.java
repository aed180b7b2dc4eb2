package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.sandbox.InvocationResult;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The peer port on a real listener: a signed request runs once, the same request sent again is
 * refused (403) without running, and a request signed with another key never runs.
 */
class PeerServerTest {
  @Test
  void aSignedRequestRunsOnceAndItsReplayOrAForgeryNever() throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicInteger ran = new AtomicInteger();
    PeerServer.Runner runner =
        call -> {
          ran.incrementAndGet();
          return Optional.of(
              CompletableFuture.completedFuture(
                  new InvokeOutcome(
                      call.request().requestId(),
                      "$LATEST",
                      new InvocationResult.Success("{}".getBytes(), "application/json"),
                      null)));
        };
    PeerServer server =
        PeerServer.start(vertx, "127.0.0.1", 0, PeerWireTest.KEY, InstantSource.system(), runner);
    try (HttpClient http = HttpClient.newHttpClient()) {
      long now = System.currentTimeMillis();
      Map<String, String> signed =
          PeerWire.request(PeerWireTest.call(), PeerWireTest.PAYLOAD, now, PeerWireTest.KEY);
      assertThat(send(http, server.port(), signed)).isEqualTo(200);
      assertThat(send(http, server.port(), signed)).as("the same request again").isEqualTo(403);
      PeerWire.Key other = new PeerWire.Key("another-cluster-secret-of-32-byt".getBytes());
      Map<String, String> forged =
          PeerWire.request(PeerWireTest.call(), PeerWireTest.PAYLOAD, now, other);
      assertThat(send(http, server.port(), forged)).isEqualTo(403);
      assertThat(ran).hasValue(1);
    } finally {
      server.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static int send(HttpClient http, int port, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PeerWire.PATH))
            .POST(HttpRequest.BodyPublishers.ofByteArray(PeerWireTest.PAYLOAD));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
