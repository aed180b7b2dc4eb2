package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Node.js functions on {@code nodejs20.x}, written as AWS's documentation writes them (the sample
 * folders under src/test/resources/functions/nodejs, whose README says what each proves), run by
 * Outlet's runtime loop at /var/runtime: created with the AWS CLI, invoked with the CLI and SDK v2.
 */
class NodeRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNTIME = "nodejs20.x";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/node")))
        .as("Node.js not installed at /usr/bin/node: apt-get install nodejs")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode create(String name, String folder, String handler, String... more) {
    return functions.create(name, RUNTIME, handler, FunctionFolders.zip("nodejs", folder), more);
  }

  private static JsonNode create(String name, Path folder, String handler, String... more) {
    return functions.create(name, RUNTIME, handler, FunctionFolders.zip(folder), more);
  }

  private static InvokeResponse invoke(String name, String payload) {
    return server.invoke(name, payload);
  }

  private static JsonNode json(InvokeResponse r) {
    return TestServer.json(r);
  }

  @Test
  void anEsModuleHandlerAnswersAndItsConsoleLogIsOneEventWithTheRequestId() throws IOException {
    JsonNode created = create("node-hello", "hello-esm", "index.handler");
    assertThat(created.get("Runtime").asText()).isEqualTo(RUNTIME);

    Path out = root.resolve("hello.out");
    JsonNode r =
        aws.run(
                "lambda",
                "invoke",
                "--function-name",
                "node-hello",
                "--cli-binary-format",
                "raw-in-base64-out",
                "--payload",
                "{\"a\":1}",
                "--log-type",
                "Tail",
                out.toString())
            .ok();

    assertThat(JSON.readTree(out.toFile()).toString())
        .isEqualTo("{\"statusCode\":200,\"body\":\"\\\"Hello from Lambda!\\\"\"}");
    String log = new String(Base64.getDecoder().decode(r.get("LogResult").asText()));
    assertThat(log).containsPattern("INIT_START Runtime Version: nodejs:20\\.");
    assertThat(log)
        .containsPattern(
            "\n\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t[0-9a-f-]{36}\tINFO\tEVENT: \r\\{\r  \"a\": 1\r}\n");
  }

  @Test
  void commonJsTypeModuleAndCjsFilesAreLoadedAsNodeLoadsThem() {
    create("node-cjs", "hello-cjs", "index.handler");
    assertThat(json(invoke("node-cjs", "{}")).get("statusCode").asInt()).isEqualTo(200);
    create("node-type-module", "type-module", "index.handler");
    assertThat(json(invoke("node-type-module", "{}")).get("esm").asBoolean()).isTrue();
    create("node-cjs-ext", "cjs-ext", "app.lambdaHandler");
    assertThat(json(invoke("node-cjs-ext", "{}")).get("cjs").asBoolean()).isTrue();
    create("node-nested", "nested-handler", "index.handlers.greet");
    assertThat(json(invoke("node-nested", "{\"name\":\"Ann\"}")).get("greeting").asText())
        .isEqualTo("Hello, Ann!");
  }

  @Test
  void theContextAndEnvironmentAreLambdas() {
    create("node-context", "context", "index.handler", "--memory-size", "256");
    InvokeResponse r = invoke("node-context", "{}");
    JsonNode c = json(r);
    assertThat(c.get("awsRequestId").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(c.get("functionName").asText()).isEqualTo("node-context");
    assertThat(c.get("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(c.get("invokedFunctionArn").asText())
        .isEqualTo(TestServer.functionArn("node-context"));
    assertThat(c.get("memoryLimitInMB").asText()).isEqualTo("256");
    assertThat(c.get("logGroupName").asText()).isEqualTo("/aws/lambda/node-context");
    assertThat(c.get("remainingTimeInMillis").asLong()).isBetween(1L, 3000L);
    assertThat(c.get("executionEnv").asText()).isEqualTo("AWS_Lambda_nodejs20.x");
    assertThat(c.get("taskRoot").asText()).isEqualTo("/var/task");
    assertThat(c.get("cwd").asText()).isEqualTo("/var/task");
    assertThat(c.get("traceId").asText()).startsWith("Root=1-");
  }

  @Test
  void aThrownErrorIsUnhandledWithItsTypeMessageAndTrace() {
    create("node-throws", "throws", "index.handler");
    InvokeResponse r = invoke("node-throws", "{}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode e = json(r);
    assertThat(e.get("errorType").asText()).isEqualTo("Error");
    assertThat(e.get("errorMessage").asText()).isEqualTo("Something went wrong");
    assertThat(e.get("trace").get(0).asText()).isEqualTo("Error: Something went wrong");
    assertThat(TestServer.logTail(r)).contains("\tERROR\tInvoke Error \t{\"errorType\":\"Error\"");
  }

  @Test
  void initErrorsAreReportedWithAwssTypesAndTheNextInvokeInitializesAgain() {
    create("node-syntax", "syntax-error", "index.handler");
    InvokeResponse syntax = invoke("node-syntax", "{}");
    assertThat(json(syntax).get("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    assertThat(TestServer.logTail(syntax))
        .containsPattern(
            "INIT_REPORT Init Duration: [0-9.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError");

    create("node-no-handler", "no-handler", "index.handler");
    assertThat(json(invoke("node-no-handler", "{}")).get("errorType").asText())
        .isEqualTo("Runtime.HandlerNotFound");
    create("node-import", "import-missing", "index.handler");
    assertThat(json(invoke("node-import", "{}")).get("errorType").asText())
        .isEqualTo("Runtime.ImportModuleError");

    create("node-init-throws", "init-throws", "index.handler");
    InvokeResponse first = invoke("node-init-throws", "{}");
    assertThat(json(first).get("errorMessage").asText()).isEqualTo("failed during init");
    InvokeResponse second = invoke("node-init-throws", "{}");
    assertThat(TestServer.logTail(second)).as("init runs again").contains("INIT_START");
  }

  @Test
  void aHandlerThatNeverReturnsTimesOutAndATooLargeResultIsRefused() {
    create("node-slow", "slow", "index.handler", "--timeout", "1");
    InvokeResponse slow = invoke("node-slow", "{}");
    assertThat(json(slow).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(json(slow).get("errorMessage").asText())
        .endsWith("Task timed out after 1.00 seconds");

    create("node-big", "big-result", "index.handler", "--memory-size", "512");
    InvokeResponse big = invoke("node-big", "{}");
    assertThat(json(big).get("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
  }

  @Test
  void tenMegabytesOfLogsInOneInvokeAllComeBeforeEnd() {
    create("node-chatty", "chatty", "index.handler", "--memory-size", "1024", "--timeout", "60");
    long t0 = System.nanoTime();
    InvokeResponse r = invoke("node-chatty", "{}");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(60);
    assertThat(json(r).get("lines").asInt()).isEqualTo(10240);
    String tail = TestServer.logTail(r);
    assertThat(tail.indexOf("\tINFO\tlast line"))
        .isPositive()
        .isLessThan(tail.indexOf("END RequestId"));
  }

  @Test
  void aCallbackWithAPendingTimerAnswersAtOnceWhenAskedNotToWait() {
    create("node-timer", "callback-pending-timer", "index.handler", "--timeout", "10");
    long t0 = System.currentTimeMillis();
    InvokeResponse r = invoke("node-timer", "{}");
    assertThat(json(r).get("answered").asLong() - t0).isLessThan(2000);
    assertThat(System.currentTimeMillis() - t0).as("not held for the 5 s timer").isLessThan(4000);
  }

  @Test
  void aVendoredNpmPackageInstalledIntoTheZipIsImported() throws Exception {
    Path copy = root.resolve("vendored");
    Path source = FunctionFolders.folder("nodejs", "vendored-package");
    try (Stream<Path> files = Files.list(source)) {
      Files.createDirectories(copy);
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    ProcessBuilder npm =
        new ProcessBuilder(
                "npm", "install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock")
            .directory(copy.toFile())
            .redirectErrorStream(true);
    npm.environment().put("npm_config_cache", root.resolve("npm-cache").toString());
    Process p = npm.start();
    String out = new String(p.getInputStream().readAllBytes());
    assumeThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as("npm install needs the npm registry: " + out)
        .isTrue();

    create("node-vendored", copy, "index.handler");
    JsonNode r = json(invoke("node-vendored", "{\"value\":\"42\"}"));
    assertThat(r.toString()).isEqualTo("{\"value\":\"42\",\"isNumber\":true}");
  }

  @Test
  void theJsonLogFormatWritesStructuredRecordsAndPlatformEventsFilteredByLevel() throws Exception {
    // The Debian CLI (2.9) predates LoggingConfig: the SDK sets it.
    var created =
        server.create(
            "node-json-logs",
            FunctionFolders.zip("nodejs", "json-logging"),
            b ->
                b.runtime(RUNTIME)
                    .handler("index.handler")
                    .loggingConfig(
                        l ->
                            l.logFormat("JSON")
                                .applicationLogLevel("WARN")
                                .systemLogLevel("INFO")));
    assertThat(created.loggingConfig().logFormatAsString()).isEqualTo("JSON");
    assertThat(created.loggingConfig().applicationLogLevelAsString()).isEqualTo("WARN");
    assertThat(created.loggingConfig().systemLogLevelAsString()).isEqualTo("INFO");
    assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/node-json-logs");

    InvokeResponse r = invoke("node-json-logs", "{}");

    List<JsonNode> records = new ArrayList<>();
    for (String line : TestServer.logTail(r).split("\n")) {
      if (line.startsWith("{")) {
        records.add(JSON.readTree(line));
      }
    }
    List<String> types =
        records.stream().map(n -> n.path("type").asText(n.path("level").asText())).toList();
    assertThat(types)
        .contains(
            "platform.initStart",
            "platform.start",
            "WARN",
            "ERROR",
            "platform.runtimeDone",
            "platform.report");
    assertThat(types).doesNotContain("INFO", "DEBUG", "TRACE");
    JsonNode warn =
        records.stream()
            .filter(n -> n.path("level").asText().equals("WARN"))
            .findFirst()
            .orElseThrow();
    assertThat(warn.get("requestId").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(warn.get("message").asText()).isEqualTo("a warning 42");
    JsonNode report = records.getLast();
    assertThat(report.at("/record/requestId").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(report.at("/record/metrics/memorySizeMB").asInt()).isEqualTo(128);
  }

  @Test
  void logsGoToTheLogGroupTheLoggingConfigNames() throws Exception {
    server.create(
        "node-own-group",
        FunctionFolders.zip("nodejs", "print-then-return"),
        b ->
            b.runtime(RUNTIME)
                .handler("index.handler")
                .loggingConfig(l -> l.logGroup("/custom/node-app")));
    invoke("node-own-group", "{}");
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                !aws.run(
                        "logs",
                        "filter-log-events",
                        "--log-group-name",
                        "/custom/node-app",
                        "--filter-pattern",
                        "printed")
                    .ok()
                    .get("events")
                    .isEmpty());
  }
}
