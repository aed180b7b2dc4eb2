package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/python-app, a SAM template as {@code sam init} writes one for Python (a CodeUri folder,
 * {@code Handler: app.lambda_handler}, {@code Runtime: python3.11}), deployed with {@code outlet
 * deploy} onto a running Outlet and called through its HTTP API route, and run once with {@code
 * outlet local invoke}.
 */
class SamPythonAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path APP =
      Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("python-app");

  @TempDir static Path root;
  private static TestServer server;

  @BeforeAll
  static void start() {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void deployedItAnswersThroughItsRoute() throws Exception {
    Curl.assumeInstalled();
    Result deployed =
        LocalInvokeCommandTest.run(
            "deploy",
            "--template",
            APP.resolve("template.yaml").toString(),
            "--endpoint",
            server.endpoint());
    assertThat(deployed.status()).as(deployed.err()).isZero();
    assertThat(deployed.out()).contains("+ route GET /hello");

    JsonNode apis = JSON.readTree(server.send("GET", "/v2/apis", null).body());
    String apiId = apis.path("items").get(0).path("apiId").asText();
    Curl.Reply reply = Curl.run(server.endpoint() + "/_outlet/apis/" + apiId + "/hello?name=sam");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(JSON.readTree(reply.body()).toString())
        .isEqualTo("{\"message\":\"hello sam\",\"path\":\"/hello\"}");
  }

  @Test
  void localInvokeRunsItOnce() throws Exception {
    Path event = root.resolve("event.json");
    Files.writeString(
        event, "{\"rawPath\":\"/local\",\"queryStringParameters\":{\"name\":\"me\"}}");
    Result r =
        LocalInvokeCommandTest.run(
            "local",
            "invoke",
            "--template",
            APP.resolve("template.yaml").toString(),
            "--event",
            event.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode answer = JSON.readTree(r.out());
    assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    assertThat(r.err())
        .contains("INIT_START Runtime Version: python:3.11")
        .contains("\tpath /local");
  }
}
