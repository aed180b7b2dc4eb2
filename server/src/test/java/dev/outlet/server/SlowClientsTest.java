package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.ClientTimeouts;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Outlet with two-second client limits ({@link ServerConfig#clientTimeouts}), over raw sockets: a
 * client dribbling its request head on the API port is disconnected, an idle one too, while a
 * synchronous Invoke outlasting both limits (its runtime parked on {@code /next} meanwhile) is
 * answered; the slow clients leave no thread or socket behind.
 */
class SlowClientsTest {
  private static final Duration LIMIT = Duration.ofSeconds(2);

  @TempDir static Path root;
  private static TestServer server;
  private static int port;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            root.resolve("data"), c -> c.withClientTimeouts(new ClientTimeouts(LIMIT, LIMIT)));
    port = Integer.parseInt(server.endpoint().replaceAll(".*:", ""));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    return s;
  }

  @Test
  void aHeadSentOneByteASecondIsCutAfterTheHeadLimit() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("GET /2015-03-31/functions/ HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoTimeout(1_000);
      InputStream in = s.getInputStream();
      long t0 = System.nanoTime();
      boolean cut = false;
      byte[] pad = "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10 && !cut; i++) {
        try {
          out.write(pad[i % pad.length]); // one byte a second
          out.flush();
          cut = in.read() == -1;
        } catch (SocketTimeoutException e) {
          // still open
        } catch (IOException e) {
          cut = true;
        }
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(cut).as("disconnected within 10 s").isTrue();
      assertThat(millis).isBetween(1_800L, 5_000L);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleLimit() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1_800L, 5_000L);
    }
  }

  @Test
  void aSynchronousInvokeLongerThanBothLimitsIsAnswered() {
    server.create("slow", TestZips.bootstrap(Runtimes.identity()), Map.of("SLEEP_SECONDS", "5"));
    server.lambda().updateFunctionConfiguration(b -> b.functionName("slow").timeout(30));
    InvokeResponse first = server.invoke("slow", "{}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.functionError()).isNull();
    InvokeResponse second = server.invoke("slow", "{}"); // the runtime kept its connection
    assertThat(second.functionError()).isNull();
    assertThat(TestServer.json(second).get("count").asInt()).isEqualTo(2);
  }

  @Test
  void slowClientsLeaveNoThreadOrSocketBehind() throws Exception {
    try (Socket s = connect()) { // the event loop's threads exist
      s.getOutputStream()
          .write(
              "GET /2015-03-31/functions/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      s.getInputStream().readAllBytes();
    }
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long sockets = openSockets();
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Socket s = connect();
      s.getOutputStream().write("POST /2015-03-31/fun".getBytes(StandardCharsets.US_ASCII));
      clients.add(s);
    }
    for (Socket s : clients) {
      assertThat(s.getInputStream().read()).as("each slow client is cut").isEqualTo(-1);
      s.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (openSockets() > sockets && System.nanoTime() < deadline) {
      Thread.sleep(50); // the server closes its ends asynchronously
    }
    assertThat(openSockets()).as("open sockets").isLessThanOrEqualTo(sockets);
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
        .as("threads")
        .isLessThanOrEqualTo(threads + 2); // + JDK/SDK housekeeping threads that come and go
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
}
