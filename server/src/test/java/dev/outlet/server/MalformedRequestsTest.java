package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a careless or hostile client sends, over a raw socket (so nothing on the client side
 * cleans them up): the committed corpus of inputs that once broke the edge (a malformed escape in a
 * path or query answered 500 or was never answered), then a seeded random probe. Every request is
 * answered, within seconds, and none with a 5xx (most with a 4xx: the malformed name or value fails
 * the operation's validation).
 */
class MalformedRequestsTest {
  @TempDir static Path root;
  private static TestServer server;
  private static int port;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    port = Integer.parseInt(server.endpoint().replaceAll(".*:", ""));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends one request as raw bytes and returns its status line's code, or -1 if unanswered. */
  private static int send(String method, String target, String body, String contentType)
      throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      s.setSoTimeout(10_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (contentType != null ? "Content-Type: " + contentType + "\r\n" : "")
              + "Content-Length: "
              + bytes.length
              + "\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ");
      return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    } catch (java.net.SocketTimeoutException e) {
      return -1;
    }
  }

  private static String typeFor(String target, String body) {
    if (body.isEmpty()) {
      return null;
    }
    return target.equals("/") ? "application/x-www-form-urlencoded" : "application/json";
  }

  @Test
  void everyRequestOfTheCorpusIsAnsweredWithoutAServerError() throws Exception {
    Path corpus =
        Path.of(MalformedRequestsTest.class.getResource("/edge-corpus/requests.txt").toURI());
    List<String> failures = new ArrayList<>();
    int replayed = 0;
    for (String line : Files.readAllLines(corpus)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ", 3);
      String body = parts.length > 2 ? parts[2].replace("\\n", "\n") : "";
      int status = send(parts[0], parts[1], body, typeFor(parts[1], body));
      replayed++;
      if (status < 200 || status >= 500) {
        failures.add(status + " for " + line);
      }
    }
    assertThat(replayed).isGreaterThan(15);
    assertThat(failures).isEmpty();
  }

  @Test
  void aRandomProbeOfMalformedRequestsGetsNoServerErrorAndNoSilence() throws Exception {
    Random random = new Random(1500);
    String[] prefixes = {
      "/2015-03-31/functions/",
      "/2021-10-31/functions/",
      "/2017-10-31/functions/",
      "/2015-03-31/functions/f/invocations",
      "/v2/apis/",
      "/",
      "/_outlet/code/",
      "/2015-03-31/event-source-mappings/"
    };
    String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"};
    String alphabet = "abcXYZ019%-_.~:/?&=+$@!*'()[]{}\"<>|^`\\é";
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      StringBuilder target = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      int n = random.nextInt(24);
      for (int k = 0; k < n; k++) {
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        target.append(c == 'é' || c == ' ' ? "%C3%A9" : String.valueOf(c));
      }
      String body =
          switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "{\"FunctionName\":" + random.nextInt() + "}";
            case 2 -> "Action=GetMetricData&StartTime=%" + (char) ('A' + random.nextInt(30));
            default -> "{\"a\":[" + "[".repeat(random.nextInt(50));
          };
      String method = methods[random.nextInt(methods.length)];
      String t = target.toString().replace(" ", "%20");
      int status = send(method, t, method.equals("HEAD") ? "" : body, typeFor(t, body));
      if (status == -1 || status >= 500) {
        failures.add(status + " for " + method + " " + t + " " + body);
      }
    }
    assertThat(failures).isEmpty();
  }
}
