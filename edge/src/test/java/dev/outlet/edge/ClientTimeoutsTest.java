package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x listener guarded by {@link ClientTimeouts} of one second, against raw sockets: a
 * client dribbling its head is cut once the head limit has passed, an idle keep-alive connection
 * once the idle limit has, while a request in flight for longer than both is answered.
 */
class ClientTimeoutsTest {
  private static final ClientTimeouts SHORT =
      new ClientTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

  private Vertx vertx;
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** A server answering {@code /slow?ms=N} after N ms, everything else at once. */
  private void listen(ClientTimeouts timeouts) {
    server =
        timeouts
            .guard(vertx.createHttpServer(timeouts.applyTo(new HttpServerOptions())))
            .requestHandler(
                req -> {
                  String ms = req.getParam("ms");
                  req.body()
                      .onSuccess(
                          body -> {
                            if (ms == null) {
                              req.response().end("ok " + body.length());
                            } else {
                              vertx.setTimer(
                                  Long.parseLong(ms),
                                  t -> req.response().end("late " + body.length()));
                            }
                          });
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    port = server.actualPort();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Reads one response whose body is short and says its length; null if the server closed. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c == -1) {
        return null;
      }
      head.append((char) c);
    }
    int length =
        Integer.parseInt(head.toString().replaceAll("(?si).*content-length: *(\\d+).*", "$1"));
    byte[] body = in.readNBytes(length);
    return head.toString().split("\r\n")[0] + " " + new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Millis until the server closes {@code s} while the client dribbles a header byte each 100 ms.
   */
  private static long millisUntilCutWhileDribbling(Socket s, String start) throws IOException {
    long t0 = System.nanoTime();
    OutputStream out = s.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    s.setSoTimeout(100);
    InputStream in = s.getInputStream();
    for (int i = 0; i < 100; i++) {
      try {
        out.write('a');
        out.flush();
      } catch (IOException e) {
        return (System.nanoTime() - t0) / 1_000_000; // reset by the server
      }
      try {
        if (in.read() == -1) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      } catch (SocketTimeoutException e) {
        // still open: dribble on
      } catch (IOException e) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
    }
    return Long.MAX_VALUE;
  }

  @Test
  void aClientDribblingItsFirstHeadIsDisconnectedOnceTheHeadLimitHasPassed() throws Exception {
    listen(SHORT);
    try (Socket s = connect()) {
      long cut = millisUntilCutWhileDribbling(s, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ");
      assertThat(cut).as("cut after ~1 s of dribbling").isBetween(900L, 4_000L);
    }
  }

  @Test
  void aClientDribblingItsSecondHeadOnAKeptAliveConnectionIsDisconnectedToo() throws Exception {
    listen(SHORT);
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK ok 0");
      long cut = millisUntilCutWhileDribbling(s, "GET / HTTP/1.1\r\nX-Pad: ");
      assertThat(cut).isBetween(900L, 4_000L);
    }
  }

  @Test
  void aRequestInFlightLongerThanBothLimitsIsAnsweredAndTheConnectionStaysUsable()
      throws Exception {
    listen(SHORT);
    try (Socket s = connect()) {
      byte[] body = new byte[200_000];
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /slow?ms=2500 HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes());
      out.write(body);
      out.flush();
      assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK late 200000");
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK ok 0");
    }
  }

  @Test
  void aLongHeadSentPromptlyIsServed() throws Exception {
    listen(SHORT);
    try (Socket s = connect()) {
      String pad = "b".repeat(6_000);
      s.getOutputStream()
          .write(("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + pad + "\r\n\r\n").getBytes());
      assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK ok 0");
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleLimit() throws Exception {
    listen(SHORT);
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      InputStream in = s.getInputStream();
      assertThat(readResponse(in)).isEqualTo("HTTP/1.1 200 OK ok 0");
      long t0 = System.nanoTime();
      assertThat(in.read()).as("closed by the server").isEqualTo(-1);
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(800L, 4_000L);
    }
  }

  @Test
  void withoutAnIdleLimitAnIdleConnectionStaysOpen() throws Exception {
    listen(new ClientTimeouts(Duration.ofSeconds(1), Duration.ZERO));
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      InputStream in = s.getInputStream();
      assertThat(readResponse(in)).isEqualTo("HTTP/1.1 200 OK ok 0");
      s.setSoTimeout(2_500);
      assertThatThrownBy(in::read)
          .as("still open after 2.5 s")
          .isInstanceOf(SocketTimeoutException.class);
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(readResponse(in)).isEqualTo("HTTP/1.1 200 OK ok 0");
    }
  }

  @Test
  void slowClientsLeaveNoThreadOrSocketBehind() throws Exception {
    listen(SHORT);
    warmUp();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long sockets = openSockets();
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Socket s = connect();
      s.getOutputStream().write("GET / HTTP/1.1\r\nHo".getBytes());
      clients.add(s);
    }
    for (Socket s : clients) {
      assertThat(s.getInputStream().read()).as("each slow client is cut").isEqualTo(-1);
      s.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (openSockets() > sockets && System.nanoTime() < deadline) {
      Thread.sleep(50); // the server side closes asynchronously
    }
    assertThat(openSockets()).as("open sockets").isLessThanOrEqualTo(sockets);
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
        .as("threads")
        .isLessThanOrEqualTo(threads);
  }

  private void warmUp() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
      assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK ok 0");
    }
  }

  /** This process's open sockets, from its file descriptors. */
  private static long openSockets() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                  return false; // closed while listed
                }
              })
          .count();
    }
  }

  /** The status line the server answers {@code head} with, then whether it closed. */
  private String statusThenClosed(byte[] head) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(head);
      InputStream in = s.getInputStream();
      String status = readResponse(in);
      return status + (in.read() == -1 ? " (closed)" : " (open)");
    }
  }

  @Test
  void aRequestLineWithGarbageForItsVersionIsABadRequestNotA501() throws Exception {
    listen(SHORT);
    byte[] head =
        "GET / \u0014g\u00d2HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(statusThenClosed(head)).isEqualTo("HTTP/1.1 400 Bad Request  (closed)");
  }

  @Test
  void anotherHttpVersionIsVersionNotSupported() throws Exception {
    listen(SHORT);
    assertThat(statusThenClosed("GET / HTTP/2.0\r\nHost: x\r\n\r\n".getBytes()))
        .isEqualTo("HTTP/1.1 505 HTTP Version Not Supported  (closed)");
    assertThat(statusThenClosed("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes()))
        .startsWith("HTTP/1.0 200 OK ok 0");
  }

  @Test
  void aZeroHeadLimitIsRefused() {
    assertThatThrownBy(() -> new ClientTimeouts(Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
