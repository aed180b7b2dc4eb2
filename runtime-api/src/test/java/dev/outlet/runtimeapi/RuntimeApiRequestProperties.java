package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LogSink;
import dev.outlet.core.Ticker;
import dev.outlet.edge.testkit.Fuzz;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.testkit.Specs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The Runtime API a function's runtime (any code in the package) talks to, on its real listener and
 * sandbox: whole raw requests (head and body) mutated from the ones runtimes send are answered with
 * a status under 500, or the malformed connection is closed, within seconds. Only a request that is
 * still a {@code GET .../invocation/next} may wait (it parks until an invocation comes).
 */
class RuntimeApiRequestProperties {
  private static Vertx vertx;
  private static Path dir;
  private static Sandbox sandbox;
  private static String address;

  private static final String P = "/2018-06-01/runtime/";

  private static final List<String> REQUESTS =
      List.of(
          "POST "
              + P
              + "invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response HTTP/1.1\r\n"
              + "Host: h\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"ok\":1}\n",
          "POST "
              + P
              + "invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/error HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Runtime-Function-Error-Type: Runtime.Crash\r\n"
              + "Lambda-Runtime-Function-XRay-Error-Cause: {\"exceptions\":[]}\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + "1b\r\n{\"errorMessage\":\"m\",\"a\":1}\r\n0\r\n\r\n",
          "POST "
              + P
              + "init/error HTTP/1.1\r\nHost: h\r\nLambda-Runtime-Function-Error-Type: Init.X\r\n"
              + "Content-Length: 2\r\n\r\n{}",
          "POST "
              + P
              + "invocation/x/response HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
              + "Transfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n"
              + "3\r\nabc\r\n0\r\nLambda-Runtime-Function-Error-Type: E\r\n\r\n",
          "GET " + P + "invocation/next HTTP/1.1\r\nHost: h\r\n\r\n",
          "POST /2020-01-01/extension/register HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Extension-Name: my-extension\r\nContent-Length: 34\r\n\r\n"
              + "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}\n",
          "GET /2020-01-01/extension/event/next HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Extension-Identifier: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n\r\n",
          "POST /2020-01-01/extension/init/error HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Extension-Identifier: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
              + "Lambda-Extension-Function-Error-Type: Extension.Bad\r\nContent-Length: 2\r\n\r\n{}",
          "PUT /2022-07-01/telemetry HTTP/1.1\r\nHost: h\r\n"
              + "Lambda-Extension-Identifier: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
              + "Content-Length: 142\r\n\r\n"
              + "{\"schemaVersion\":\"2022-12-13\",\"destination\":{\"protocol\":\"HTTP\","
              + "\"URI\":\"http://sandbox.localdomain:8080\"},\"types\":[\"platform\",\"function\"],"
              + "\"buffering\":{\"timeoutMs\":25}}");

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    dir = Files.createTempDirectory("runtime-api-fuzz");
    StandInLauncher launcher = new StandInLauncher();
    SandboxFactory factory =
        new SandboxFactory(
            launcher,
            new VertxRuntimeEndpoints(vertx, "127.0.0.1", 1),
            LogSink.DISCARD,
            dir,
            InstantSource.system(),
            Ticker.system());
    sandbox = factory.start(Specs.provided(dir, 512), null);
    address = launcher.address;
  }

  @AfterContainer
  static void stop() throws Exception {
    sandbox.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Provide
  Arbitrary<byte[]> requests() {
    return Fuzz.mutationsOf(
        REQUESTS.stream().map(r -> r.getBytes(StandardCharsets.ISO_8859_1)).toList());
  }

  /** Sends {@code request}, half-closes, and checks what comes back. */
  private static void check(byte[] request) throws IOException {
    int colon = address.lastIndexOf(':');
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          5_000);
      s.setSoTimeout(3_000);
      try {
        s.getOutputStream().write(request);
        s.shutdownOutput();
      } catch (IOException e) {
        return; // the server refused the rest of a malformed request and closed
      }
      String status = statusLine(s.getInputStream());
      if (status == null) {
        return; // closed without an answer: a malformed request
      }
      if (status.equals("WAITING")) {
        String head = new String(request, StandardCharsets.ISO_8859_1);
        assertThat(head)
            .as("only a GET /next may wait: %s", Fuzz.show(request))
            .startsWith("GET ")
            .containsAnyOf("invocation/next", "extension/event/next");
        return;
      }
      // 505 (HTTP Version Not Supported) is HTTP's answer to HTTP/2.0 on an HTTP/1 port, and 501
      // (Not Implemented) Vert.x's to a version token that is no HTTP version at all ("HTTp/1.1")
      String head = new String(request, StandardCharsets.ISO_8859_1);
      int eol = head.indexOf("\r\n");
      String requestLine = eol < 0 ? head : head.substring(0, eol);
      boolean http1 = requestLine.endsWith(" HTTP/1.1") || requestLine.endsWith(" HTTP/1.0");
      assertThat(status)
          .as("for %s", Fuzz.show(request))
          .matches(
              http1
                  ? "HTTP/1\\.[01] [1-4]\\d\\d.*"
                  : "HTTP/1\\.[01] ([1-4]\\d\\d|505 HTTP Version Not Supported|501 Not Implemented).*");
    }
  }

  /** The status line; null when the server closed first; WAITING when nothing came in time. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    try {
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c == -1) {
          return line.isEmpty() ? null : line.toString();
        }
        line.append((char) c);
      }
    } catch (SocketTimeoutException e) {
      return line.isEmpty() ? "WAITING" : line.toString();
    } catch (IOException e) {
      return null; // reset
    }
    return line.toString().strip();
  }

  @Property(tries = 200)
  void aMutatedRuntimeRequestIsAnsweredUnder500OrClosed(@ForAll("requests") byte[] request)
      throws IOException {
    check(request);
  }

  @Example
  void theCommittedCorpusIsHandled() throws IOException {
    for (byte[] request : Fuzz.corpus(getClass(), "/fuzz-corpus/runtime-requests.txt")) {
      check(request);
    }
  }
}
