package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LogSink;
import dev.outlet.core.Ticker;
import dev.outlet.edge.ClientTimeouts;
import dev.outlet.runtimeapi.RawExchange.Response;
import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.testkit.Specs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Runtime API listener with a one-second head limit: a runtime parked on {@code /next} for
 * longer than that gets its event, and keeps its connection between invokes; a client dribbling a
 * head is disconnected.
 */
class RuntimeApiTimeoutsTest {
  private static final String NEXT = "/2018-06-01/runtime/invocation/next";

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  @TempDir Path dir;
  private Sandbox sandbox;
  private String address;

  @BeforeEach
  void start() throws Exception {
    StandInLauncher launcher = new StandInLauncher();
    SandboxFactory factory =
        new SandboxFactory(
            launcher,
            new VertxRuntimeEndpoints(
                vertx, "127.0.0.1", 1, new ClientTimeouts(Duration.ofSeconds(1), Duration.ZERO)),
            LogSink.DISCARD,
            dir,
            InstantSource.system(),
            Ticker.system());
    sandbox = factory.start(Specs.provided(dir, 512), null);
    address = launcher.address;
  }

  @AfterEach
  void stop() throws Exception {
    if (sandbox != null) {
      sandbox.stop();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void aNextParkedLongerThanTheHeadLimitGetsItsEventAndTheConnectionOutlivesTheWaitBetween()
      throws Exception {
    try (Socket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(get(NEXT));
      Thread.sleep(2_500); // parked: longer than the 1 s head limit
      Invocation first = lend();
      Response event = RawExchange.readFrom(s.getInputStream());
      assertThat(event.status()).isEqualTo(200);
      assertThat(event.headers().get("lambda-runtime-aws-request-id")).isEqualTo(first.requestId());
      byte[] result = "{\"ok\":1}".getBytes(StandardCharsets.UTF_8);
      out.write(post("/2018-06-01/runtime/invocation/" + first.requestId() + "/response", result));
      assertThat(RawExchange.readFrom(s.getInputStream()).status()).isEqualTo(202);
      assertThat(first.result().get(5, java.util.concurrent.TimeUnit.SECONDS).body())
          .isEqualTo(result);
      sandbox.release(); // the invoker, after a healthy invocation
      Thread.sleep(2_500); // idle between invokes on a kept-alive connection
      Invocation second = lend();
      out.write(get(NEXT));
      Response again = RawExchange.readFrom(s.getInputStream());
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.headers().get("lambda-runtime-aws-request-id"))
          .isEqualTo(second.requestId());
    }
  }

  @Test
  void aClientDribblingAHeadIsDisconnectedAfterTheHeadLimit() throws Exception {
    try (Socket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + NEXT + " HTTP/1.1\r\nX-Pad: ").getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(200);
      InputStream in = s.getInputStream();
      long t0 = System.nanoTime();
      boolean cut = false;
      for (int i = 0; i < 40 && !cut; i++) {
        try {
          out.write('a');
          out.flush();
          cut = in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
          // still open
        } catch (java.io.IOException e) {
          cut = true;
        }
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(cut).as("disconnected within 8 s").isTrue();
      assertThat(millis).isBetween(800L, 4_000L);
    }
  }

  private Invocation lend() {
    Invocation inv =
        new Invocation(
            UUID.randomUUID().toString(),
            "{}".getBytes(StandardCharsets.UTF_8),
            3000,
            "arn",
            "trace",
            null,
            null,
            null);
    sandbox.lend(inv);
    return inv;
  }

  private Socket socket() throws Exception {
    int colon = address.lastIndexOf(':');
    Socket s = new Socket();
    s.connect(
        new InetSocketAddress(
            address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
        5_000);
    s.setSoTimeout(10_000);
    return s;
  }

  private byte[] get(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + address + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] post(String path, byte[] body) {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + address
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
