package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.LocalApi;
import dev.outlet.local.sam.SamReader;
import dev.outlet.local.sam.SamTemplate;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code local start-api}'s engine: an in-process Outlet over a temporary folder with the template
 * deployed into it, its HTTP routes served by Outlet's own gateway (the HTTP front).
 */
class StartApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  private SamTemplate template() throws Exception {
    Path code = Files.createDirectories(root.resolve("code"));
    Path bootstrap = code.resolve("bootstrap");
    Files.writeString(bootstrap, Runtimes.identity());
    Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file =
        Files.writeString(
            root.resolve("template.yaml"),
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Who:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: code/
                  Environment:
                    Variables: {SLEEP_SECONDS: "1"}
                  Events:
                    Hi:
                      Type: HttpApi
                      Properties: {Path: /hi, Method: get}
            """);
    return new SamReader("us-east-1", TestServer.ACCOUNT).read(file, "api", Map.of());
  }

  @Test
  void servesTheTemplatesFunctionsConcurrentlyAndCleansUp() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    LocalApi api =
        LocalApi.start(
            LocalStarter::start,
            template(),
            0,
            false,
            null,
            "us-east-1",
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    Path data = api.dataDir();
    String endpoint = api.endpoint();
    try {
      assertThat(out.toString()).contains("+ function api-Who (create)");
      assertThat(api.outcome().routesServed()).isTrue();
      String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
      String url = api.urls().getFirst();
      assertThat(api.urls())
          .singleElement()
          .asString()
          .matches("GET http://[a-z0-9]+\\.execute-api\\.localhost:" + port + "/hi");
      String apiId = url.substring(url.indexOf("//") + 2, url.indexOf('.'));
      // The route, by the path form (no name resolution), twice at once: each request sleeps a
      // second in its sandbox, so two sandboxes answer, concurrently.
      URI route = URI.create(endpoint + "/_outlet/apis/" + apiId + "/hi");
      HttpClient http = HttpClient.newHttpClient();
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> get(http, route), pool);
      CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> get(http, route), pool);
      pool.shutdown();
      assertThat(a.get()).isNotEqualTo(b.get());
      assertThat(Files.isDirectory(data)).isTrue();
    } finally {
      api.close();
    }
    assertThat(Files.exists(data)).isFalse();
    assertThatThrownBy(() -> TestServer.client(endpoint).listFunctions())
        .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
  }

  @Test
  void aDebugSessionKeepsOneSandboxLiftsTheDeadlineAndPassesThePort() throws Exception {
    try (LocalApi api =
        LocalApi.start(
            LocalStarter::start,
            template(),
            0,
            false,
            5005,
            "us-east-1",
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(new StringWriter(), true))) {
      LambdaClient lambda = TestServer.client(api.endpoint());
      var c = lambda.getFunctionConfiguration(b -> b.functionName("api-Who"));
      assertThat(c.timeout()).isEqualTo(900);
      assertThat(c.environment().variables())
          .containsEntry("OUTLET_DEBUG_PORT", "5005")
          .containsEntry(
              "JAVA_TOOL_OPTIONS",
              "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:5005");
      assertThat(
              lambda
                  .getFunctionConcurrency(b -> b.functionName("api-Who"))
                  .reservedConcurrentExecutions())
          .isEqualTo(1);
    }
  }

  /** GETs the route; returns which runtime process answered. */
  private static String get(HttpClient http, URI route) {
    try {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(route).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body()).path("process").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
