package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ConsoleClient;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's HTTP surface in open mode, as a browser uses it: the page for a browser only,
 * the session cookie and its CSRF token, the AWS API proxy (the same operations as the AWS CLI's),
 * the live tail, the summary and the sandboxes, and what it refuses.
 */
class ConsoleApiTest {
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            "hello",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void thePageGoesToBrowsersAndAwsClientsAreUnaffected() {
    HttpResponse<String> page =
        server.send("GET", "/", null, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("/_outlet/console/assets/app.js");
    HttpResponse<String> script = server.send("GET", "/_outlet/console/assets/api.js", null);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    String etag = script.headers().firstValue("ETag").orElseThrow();
    assertThat(
            server
                .send("GET", "/_outlet/console/assets/api.js", null, "If-None-Match", etag)
                .statusCode())
        .isEqualTo(304);
    // an AWS client's GET / is not the page
    assertThat(server.send("GET", "/", null).body()).doesNotContain("<html");
    assertThat(aws.ok("lambda", "list-functions").get("Functions").findValuesAsText("FunctionName"))
        .contains("hello");
  }

  @Test
  void assetNamesCannotLeaveTheAssets() {
    for (String bad :
        new String[] {
          "/_outlet/console/assets/../../../../etc/passwd",
          "/_outlet/console/assets/%2e%2e/%2e%2e/etc/passwd",
          "/_outlet/console/assets/dev/outlet/console/ConsoleHttp.class",
          "/_outlet/console/assets/nothing.js"
        }) {
      assertThat(server.send("GET", bad, null).statusCode()).as(bad).isIn(400, 404);
    }
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrict() {
    HttpResponse<String> r =
        new ConsoleClient(server.endpoint())
            .send("GET", "/_outlet/console/api/session", null, false);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("outlet_console=", "SameSite=Strict", "Path=/");
    assertThat(cookie).containsIgnoringCase("; HttpOnly");
    JsonNode s = ConsoleClient.json(r);
    assertThat(s.get("mode").asText()).isEqualTo("open");
    assertThat(s.get("signedIn").asBoolean()).isTrue();
    assertThat(s.get("csrf").asText()).hasSizeGreaterThan(30);
    assertThat(s.get("endpoint").asText()).isEqualTo(server.endpoint());
  }

  @Test
  void stateChangesNeedTheSessionsCsrfToken() throws Exception {
    ConsoleClient console = new ConsoleClient(server.endpoint());
    console.session();
    String zip = Base64.getEncoder().encodeToString(FunctionFolders.zip("python", "hello"));
    String create =
        "{\"FunctionName\":\"from-console\",\"Runtime\":\"python3.11\",\"Handler\":"
            + "\"lambda_function.lambda_handler\",\"Role\":\""
            + TestServer.ROLE
            + "\",\"Code\":{\"ZipFile\":\""
            + zip
            + "\"}}";
    HttpResponse<String> refused = createFunction(console, create, false);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidCsrfToken");
    assertThat(aws.run("lambda", "get-function", "--function-name", "from-console").exit())
        .isNotZero();

    HttpResponse<String> made = createFunction(console, create, true);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(
            aws.ok("lambda", "get-function", "--function-name", "from-console")
                .at("/Configuration/Runtime")
                .asText())
        .isEqualTo("python3.11");

    // the API's own errors come back as the API wrote them
    HttpResponse<String> again = createFunction(console, create, true);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("ResourceConflictException");
    assertThat(ConsoleClient.json(again).get("message").asText())
        .contains("Function already exist: from-console");
  }

  private static HttpResponse<String> createFunction(
      ConsoleClient console, String body, boolean withCsrf) {
    return console.send(
        "POST",
        "/_outlet/console/aws/lambda/2015-03-31/functions",
        body,
        withCsrf,
        "Content-Type",
        "application/json");
  }

  @Test
  void aRequestWithoutTheCookieOrForAnotherHostIsRefused() throws Exception {
    assertThat(server.send("GET", "/_outlet/console/api/summary", null).statusCode())
        .isEqualTo(401);
    // a page of another site whose name was rebound to 127.0.0.1 (DNS rebinding)
    java.net.URI uri = java.net.URI.create(server.endpoint());
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET /_outlet/console/api/session HTTP/1.1\r\nHost: evil.example\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("csrf\"");
    }
  }

  @Test
  void theLiveTailShowsAPrintedLineWithinASecond() throws Exception {
    ConsoleClient console = new ConsoleClient(server.endpoint());
    console.session();
    assertThat(
            console
                .send(
                    "GET",
                    "/_outlet/console/api/tail?function=hello&filterPattern=%7B",
                    null,
                    false)
                .statusCode())
        .isEqualTo(400);
    HttpResponse<Stream<String>> tail =
        console.stream(
            "/_outlet/console/api/tail?function=hello&filterPattern=%22Hello%20from%20print%22");
    assertThat(tail.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    Iterator<String> lines = tail.body().iterator();
    CompletableFuture<Long> seen =
        CompletableFuture.supplyAsync(
            () -> {
              while (lines.hasNext()) {
                String l = lines.next();
                if (l.startsWith("data: ") && l.contains("Hello from print, tail")) {
                  return System.nanoTime();
                }
              }
              return -1L;
            });
    aws.ok(
        "lambda",
        "invoke",
        "--function-name",
        "hello",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"name\":\"tail\"}",
        root.resolve("out.json").toString());
    long answered = System.nanoTime();
    long arrived = seen.get(10, TimeUnit.SECONDS);
    assertThat(arrived).isPositive();
    // the line was printed before the invoke answered: it reached the tail within a second of that
    assertThat((arrived - answered) / 1_000_000).isLessThan(1000);
    tail.body().close();
  }

  @Test
  void theSummaryAndTheSandboxesShowWhatRan() {
    aws.ok("lambda", "invoke", "--function-name", "hello", root.resolve("o1.json").toString());
    aws.ok("lambda", "invoke", "--function-name", "hello", root.resolve("o2.json").toString());
    ConsoleClient console = new ConsoleClient(server.endpoint());
    console.session();
    // the samples reach the store's writer shortly after the invocations answered
    JsonNode s =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(5))
            .until(
                () ->
                    ConsoleClient.json(
                        console.send(
                            "GET", "/_outlet/console/api/summary?minutes=15", null, false)),
                n -> n.at("/totals/invocations").asLong() >= 2);
    assertThat(s.at("/totals/durationP99").asDouble()).isPositive();
    assertThat(s.at("/series/invocations")).isNotEmpty();
    assertThat(s.get("functions").findValuesAsText("name")).contains("hello");
    JsonNode one =
        ConsoleClient.json(
            console.send(
                "GET", "/_outlet/console/api/summary?minutes=60&function=hello", null, false));
    assertThat(one.at("/totals/coldStarts").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(one.get("functions")).isEmpty();
    assertThat(
            console.send("GET", "/_outlet/console/api/summary?minutes=5", null, false).statusCode())
        .isEqualTo(400);

    JsonNode sandboxes =
        ConsoleClient.json(
            console.send("GET", "/_outlet/console/api/sandboxes?function=hello", null, false));
    JsonNode first = sandboxes.get("sandboxes").get(0);
    assertThat(first.get("function").asText()).isEqualTo("hello");
    assertThat(first.get("state").asText()).isEqualTo("IDLE");
    assertThat(first.get("invocations").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(first.get("initMs").asDouble()).isPositive();
    assertThat(first.get("memoryLimitMb").asInt()).isEqualTo(128);
  }

  @Test
  void eventTemplatesAreTheGenerateEventSamples() {
    ConsoleClient console = new ConsoleClient(server.endpoint());
    console.session();
    JsonNode t =
        ConsoleClient.json(
            console.send("GET", "/_outlet/console/api/event-templates", null, false));
    assertThat(t.get("templates").findValuesAsText("id"))
        .contains("apigateway-http-api", "sqs-receive-message", "s3-put");
    assertThat(t.at("/templates/1/event/version").asText()).isEqualTo("2.0");
  }
}
