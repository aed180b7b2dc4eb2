package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code outlet deploy} of the sample SAM project (HTTP API route, schedule, EventBridge rule, SQS
 * queue with a dead-letter queue and an SQS event, environment; Go bootstrap built by the test)
 * onto a running Outlet: the plan, idempotence, a configuration change, the function through the
 * AWS SDK and its route through the HTTP gateway when the server serves apigatewayv2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamDeployTest {
  private static final String FN = "sam-app-HelloFunction";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static Path app;
  private static TestServer server;

  @BeforeAll
  static void setUp() throws Exception {
    app = SamExample.copyAndBuild(root, "1");
    server = TestServer.start(root.resolve("data"));
  }

  @AfterAll
  static void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private static Result deploy() {
    return LocalInvokeCommandTest.run(
        "deploy",
        "--template",
        app.resolve("template.yaml").toString(),
        "--endpoint",
        server.endpoint());
  }

  @Test
  @Order(0)
  void aCustomRuntimeFolderWithoutItsBootstrapIsRefusedBeforeAnythingIsSent() throws Exception {
    Path broken = root.resolve("broken");
    Files.createDirectories(broken.resolve("src"));
    Files.writeString(broken.resolve("src/function.sh"), "function handler () { echo ok; }\n");
    Files.writeString(
        broken.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Broken:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
              Handler: function.handler
              Runtime: provided.al2023
        """);
    Result r =
        LocalInvokeCommandTest.run(
            "deploy",
            "--template",
            broken.resolve("template.yaml").toString(),
            "--endpoint",
            server.endpoint());
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("Broken: The zip has no bootstrap at its root", "function.sh");
  }

  @Test
  @Order(1)
  void deploysOnceThenReportsNoChangesThenOnlyWhatChanged() throws Exception {
    Result first = deploy();
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith(
            "Plan for stack sam-app on "
                + server.endpoint()
                + ":\n  + queue sam-app-orders-dlq\n  + queue sam-app-OrdersQueue-")
        .contains("  + function sam-app-HelloFunction (create)\n")
        .contains("  + schedule sam-app-HelloFunctionTick rate(1 minute) → sam-app-HelloFunction\n")
        .contains(
            "  + rule sam-app-HelloFunctionOrders on default"
                + " {\"source\":[\"shop\"],\"detail-type\":[\"Order Placed\"]}"
                + " → sam-app-HelloFunction\n")
        .contains("Deployed ");
    assertThat(first.out()).contains("  + route GET /hello (ServerlessHttpApi)\n");
    assertThat(first.out())
        .containsPattern(
            "  \\+ sqs mapping sam-app-OrdersQueue-[A-Z0-9]{12} → sam-app-HelloFunction\n");
    assertThat(first.err()).doesNotContain("apigatewayv2");

    Result second = deploy();
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out())
        .isEqualTo("No changes: stack sam-app is up to date (1 function, 2 queues).\n");

    var c = server.lambda().getFunctionConfiguration(b -> b.functionName(FN));
    assertThat(c.environment().variables())
        .containsEntry("GREETING", "Hello")
        .containsEntry("STAGE", "local")
        .containsEntry("STACK", "sam-app in us-east-1")
        .hasEntrySatisfying(
            "ORDERS_QUEUE_URL",
            url ->
                assertThat(url)
                    .startsWith(server.endpoint() + "/000000000000/sam-app-OrdersQueue-"));
    assertThat(c.timeout()).isEqualTo(5);
    assertThat(c.runtimeAsString()).isEqualTo("provided.al2023");

    Path template = app.resolve("template.yaml");
    Files.writeString(
        template, Files.readString(template).replace("MemorySize: 128", "MemorySize: 256"));
    Result third = deploy();
    assertThat(third.out())
        .contains("  ~ function sam-app-HelloFunction: MemorySize 128 → 256\n")
        .doesNotContain("code");
    assertThat(deploy().out()).startsWith("No changes");
    Files.writeString(
        template, Files.readString(template).replace("MemorySize: 256", "MemorySize: 128"));
  }

  @Test
  void theDeployedFunctionAnswersAnHttpApiEventAndThroughItsRoute() throws Exception {
    assertThat(deploy().status()).isZero();
    Result event =
        LocalInvokeCommandTest.run("local", "generate-event", "apigateway", "--path", "/hello");
    assertThat(event.status()).isZero();
    InvokeResponse r =
        server
            .lambda()
            .invoke(b -> b.functionName(FN).payload(SdkBytes.fromUtf8String(event.out())));
    assertThat(r.functionError()).isNull();
    JsonNode reply = JSON.readTree(r.payload().asUtf8String());
    assertThat(reply.path("statusCode").asInt()).isEqualTo(200);
    JsonNode body = JSON.readTree(reply.path("body").asText());
    assertThat(body.path("message").asText()).isEqualTo("Hello from version 1");
    assertThat(body.path("path").asText()).isEqualTo("/hello");
    JsonNode apis = JSON.readTree(server.send("GET", "/v2/apis", null).body());
    String apiId = null;
    for (JsonNode api : apis.path("items")) {
      if (api.path("name").asText().equals("sam-app-ServerlessHttpApi")) {
        apiId = api.path("apiId").asText();
      }
    }
    assertThat(apiId).as("the stack's HTTP API in " + apis).isNotNull();
    int port = URI.create(server.endpoint()).getPort();
    // curl resolves *.localhost to loopback by itself: the URL form start-api prints.
    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "-w",
                "\n%{http_code}",
                "http://" + apiId + ".execute-api.localhost:" + port + "/hello")
            .redirectErrorStream(true)
            .start();
    String[] out =
        new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    assertThat(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(out[out.length - 1]).isEqualTo("200");
    assertThat(JSON.readTree(out[0]).path("message").asText()).isEqualTo("Hello from version 1");
  }

  @Test
  void theTemplatesScheduleIsListed() {
    assertThat(deploy().status()).isZero();
    Result listed = LocalInvokeCommandTest.run("schedules", "--endpoint", server.endpoint());
    assertThat(listed.out())
        .containsPattern(
            "sam-app-HelloFunctionTick\\s+rate\\(1 minute\\)\\s+ENABLED\\s+" + FN + "\\s+20");
  }
}
