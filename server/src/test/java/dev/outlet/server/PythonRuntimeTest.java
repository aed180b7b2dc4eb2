package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Python functions on {@code python3.11}, written as AWS's documentation writes them (the sample
 * folders under src/test/resources/functions/python, whose README says what each proves), run by
 * Outlet's runtime loop at /var/runtime in real sandboxes: created and invoked with the AWS CLI,
 * boto3 and the SDK for Java.
 */
class PythonRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNTIME = "python3.11";
  private static final String HANDLER = "lambda_function.lambda_handler";
  private static final Path PYTHON = Path.of("/usr/bin/python3.11");

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(PYTHON))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
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

  private static JsonNode create(String name, String folder, String... more) {
    return createWith(name, folder, HANDLER, more);
  }

  private static JsonNode createWith(String name, String folder, String handler, String... more) {
    return functions.create(name, RUNTIME, handler, FunctionFolders.zip("python", folder), more);
  }

  private static InvokeResponse invoke(String name, String payload) {
    return server.invoke(name, payload);
  }

  private static JsonNode json(InvokeResponse r) {
    return TestServer.json(r);
  }

  @Test
  void aHandlerAsAwsDocumentsItAnswersAndLogsThroughPrintAndTheRootLogger() throws IOException {
    JsonNode created = create("py-hello", "hello");
    assertThat(created.get("Runtime").asText()).isEqualTo(RUNTIME);
    assertThat(created.get("Handler").asText()).isEqualTo(HANDLER);

    Path out = root.resolve("hello.json");
    JsonNode r =
        aws.run(
                "lambda",
                "invoke",
                "--function-name",
                "py-hello",
                "--cli-binary-format",
                "raw-in-base64-out",
                "--payload",
                "{\"name\":\"Ada\"}",
                "--log-type",
                "Tail",
                out.toString())
            .ok();

    assertThat(JSON.readTree(out.toFile()).toString())
        .isEqualTo("{\"statusCode\":200,\"body\":\"{\\\"message\\\": \\\"Hello, Ada!\\\"}\"}");
    String log =
        new String(Base64.getDecoder().decode(r.get("LogResult").asText()), StandardCharsets.UTF_8);
    assertThat(log)
        .containsPattern("INIT_START Runtime Version: python:3\\.11\\.\\d+\tRuntime Version ARN: ");
    assertThat(log).contains("\nHello from print, Ada\n");
    assertThat(log)
        .containsPattern(
            "\n\\[INFO]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t[0-9a-f-]{36}\tHello from logging, Ada\n");
    assertThat(log.indexOf("Hello from logging")).isLessThan(log.indexOf("END RequestId"));
  }

  @Test
  void theContextTheEnvironmentAndSysPathAreLambdas() {
    create("py-context", "context", "--memory-size", "256");
    String clientContext =
        Base64.getEncoder()
            .encodeToString(
                "{\"client\":{\"installation_id\":\"i-1\",\"app_title\":\"app\"},\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"test\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    InvokeResponse r =
        server
            .lambda()
            .invoke(
                b ->
                    b.functionName("py-context")
                        .clientContext(clientContext)
                        .payload(SdkBytes.fromUtf8String("{\"x\":1}")));
    JsonNode c = json(r);
    assertThat(c.get("aws_request_id").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(c.get("function_name").asText()).isEqualTo("py-context");
    assertThat(c.get("function_version").asText()).isEqualTo("$LATEST");
    assertThat(c.get("invoked_function_arn").asText())
        .isEqualTo(TestServer.functionArn("py-context"));
    assertThat(c.get("memory_limit_in_mb").asText()).isEqualTo("256");
    assertThat(c.get("log_group_name").asText()).isEqualTo("/aws/lambda/py-context");
    assertThat(c.get("remaining_time_in_millis").asLong()).isBetween(1L, 3000L);
    assertThat(c.at("/client_context/client/installation_id").asText()).isEqualTo("i-1");
    assertThat(c.at("/client_context/custom/k").asText()).isEqualTo("v");
    assertThat(c.get("execution_env").asText()).isEqualTo("AWS_Lambda_python3.11");
    assertThat(c.get("task_root").asText()).isEqualTo("/var/task");
    assertThat(c.get("cwd").asText()).isEqualTo("/var/task");
    assertThat(c.get("trace_id").asText()).startsWith("Root=1-");
    List<String> path = new ArrayList<>();
    c.get("sys_path").forEach(p -> path.add(p.asText()));
    assertThat(path)
        .containsSubsequence(
            "/var/task", "/opt/python/lib/python3.11/site-packages", "/opt/python", "/var/runtime");
  }

  @Test
  void theStandardLibraryWorksInTheSandbox() throws IOException {
    // on an address a sandbox reaches (not the host's loopback: HostAddress)
    InetSocketAddress address =
        new InetSocketAddress(dev.outlet.server.testkit.HostAddress.forSandboxes(), 0);
    HttpServer site = HttpServer.create(address, 0);
    site.createContext(
        "/",
        x -> {
          byte[] body = "served by the test".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    site.start();
    try {
      create("py-stdlib", "stdlib", "--memory-size", "512");
      String event =
          "{\"url\":\"http://"
              + site.getAddress().getAddress().getHostAddress()
              + ":"
              + site.getAddress().getPort()
              + "/page\"}";
      JsonNode first = json(invoke("py-stdlib", event));
      JsonNode second = json(invoke("py-stdlib", event));
      assertThat(first.get("fetched").asText()).isEqualTo("served by the test");
      assertThat(first.get("hits").asInt()).isEqualTo(1);
      assertThat(second.get("hits").asInt()).as("sqlite3 in /tmp, same sandbox").isEqualTo(2);
      assertThat(first.at("/json/ok").asBoolean()).isTrue();
    } finally {
      site.stop(0);
    }
  }

  @Test
  void aRaisedExceptionIsUnhandledWithItsTypeMessageAndStackAndLoggedAsOneEvent() {
    create("py-raises", "raises");
    InvokeResponse r = invoke("py-raises", "{}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode e = json(r);
    assertThat(e.get("errorType").asText()).isEqualTo("ValueError");
    assertThat(e.get("errorMessage").asText()).isEqualTo("value is required");
    assertThat(e.get("requestId").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(e.get("stackTrace").get(0).asText()).contains("/var/task/lambda_function.py");
    assertThat(TestServer.logTail(r))
        .containsPattern(
            "\n\\[ERROR] ValueError: value is required\rTraceback \\(most recent call last\\):\r");
    assertThat(json(invoke("py-raises", "{\"value\":1}")).isNull()).isFalse();
  }

  @Test
  void moduleAndHandlerProblemsAreInitErrorsWithAwssTypes() {
    create("py-syntax", "syntax_error");
    InvokeResponse syntax = invoke("py-syntax", "{}");
    assertThat(json(syntax).get("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    assertThat(json(syntax).get("errorMessage").asText())
        .startsWith("Syntax error in module 'lambda_function'");
    assertThat(TestServer.logTail(syntax))
        .containsPattern(
            "INIT_REPORT Init Duration: [0-9.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError");

    create("py-import", "import_error");
    JsonNode imp = json(invoke("py-import", "{}"));
    assertThat(imp.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
    assertThat(imp.get("errorMessage").asText())
        .isEqualTo(
            "Unable to import module 'lambda_function': No module named 'module_that_does_not_exist'");

    create("py-no-handler", "no_handler");
    assertThat(json(invoke("py-no-handler", "{}")).get("errorMessage").asText())
        .isEqualTo("Handler 'lambda_handler' missing on module 'lambda_function'");

    createWith("py-malformed", "hello", "lambda_function");
    JsonNode malformed = json(invoke("py-malformed", "{}"));
    assertThat(malformed.get("errorType").asText()).isEqualTo("Runtime.MalformedHandlerName");
    assertThat(malformed.get("errorMessage").asText())
        .isEqualTo(
            "Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)");

    create("py-init-raises", "init_raises");
    InvokeResponse first = invoke("py-init-raises", "{}");
    assertThat(json(first).get("errorType").asText()).isEqualTo("RuntimeError");
    assertThat(TestServer.logTail(first)).contains("initializing");
    InvokeResponse again = invoke("py-init-raises", "{}");
    assertThat(TestServer.logTail(again)).as("init runs again").contains("INIT_START");
  }

  @Test
  void aHandlerThatOutlivesItsTimeoutIsKilledAndTheNextInvokeStartsAfresh() {
    create("py-slow", "slow", "--timeout", "1");
    InvokeResponse slow = invoke("py-slow", "{\"seconds\":5}");
    assertThat(json(slow).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(json(slow).get("errorMessage").asText())
        .endsWith("Task timed out after 1.00 seconds");
    InvokeResponse next = invoke("py-slow", "{\"seconds\":0.1}");
    assertThat(next.functionError()).isNull();
    assertThat(TestServer.logTail(next)).contains("INIT_START");
  }

  @Test
  void aSevenMegabyteResultIsRefusedAndAnUnserializableOneIsAMarshalError() {
    create("py-big", "big_result", "--memory-size", "512");
    assertThat(json(invoke("py-big", "{}")).get("errorType").asText())
        .isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(invoke("py-big", "{\"bytes\":10}").functionError()).isNull();

    create("py-not-json", "not_json");
    JsonNode marshal = json(invoke("py-not-json", "{}"));
    assertThat(marshal.get("errorType").asText()).isEqualTo("Runtime.MarshalError");
    assertThat(marshal.get("errorMessage").asText())
        .isEqualTo("Unable to marshal response: Object of type set is not JSON serializable");
  }

  @Test
  void tenMegabytesPrintedInOneInvokeAllComeBeforeEndAndNothingBlocks() {
    create("py-chatty", "chatty", "--memory-size", "1024", "--timeout", "60");
    long t0 = System.nanoTime();
    InvokeResponse r = invoke("py-chatty", "{}");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(60);
    assertThat(json(r).get("lines").asInt()).isEqualTo(100000);
    String tail = TestServer.logTail(r);
    assertThat(tail.lastIndexOf("99999")).isPositive().isLessThan(tail.indexOf("END RequestId"));
  }

  @Test
  void aThreadLeftRunningDoesNotHoldTheInvokeAndLivesOnInTheSandbox() {
    create("py-thread", "thread_left");
    JsonNode first = json(invoke("py-thread", "{}"));
    JsonNode second = json(invoke("py-thread", "{}"));
    assertThat(first.get("threads").asInt()).isEqualTo(1);
    assertThat(second.get("threads").asInt()).isEqualTo(2);
    assertThat(second.get("ticks").asInt()).isPositive();
  }

  @Test
  void bothPackageHandlerFormsLoadANestedPackage() {
    createWith("py-package-dots", "package", "pkg.app.handler");
    createWith("py-package-slash", "package", "pkg/app.handler");
    for (String name : List.of("py-package-dots", "py-package-slash")) {
      JsonNode r = json(invoke(name, "{\"name\":\"x\"}"));
      assertThat(r.get("message").asText()).isEqualTo("hello from pkg.sub.helpers, x");
      assertThat(r.get("module").asText()).isEqualTo("pkg.app");
    }
  }

  @Test
  void theJsonLogFormatWritesOneObjectPerRecordAtTheChosenLevel() throws IOException {
    var created =
        server.create(
            "py-json-logs",
            FunctionFolders.zip("python", "json_logging"),
            b ->
                b.runtime(RUNTIME)
                    .handler(HANDLER)
                    .loggingConfig(l -> l.logFormat("JSON").applicationLogLevel("INFO")));
    assertThat(created.loggingConfig().logFormatAsString()).isEqualTo("JSON");

    InvokeResponse r = invoke("py-json-logs", "{}");

    String id = r.responseMetadata().requestId();
    List<JsonNode> records = new ArrayList<>();
    for (String line : TestServer.logTail(r).split("\n")) {
      if (line.startsWith("{") && line.contains("\"level\"")) {
        records.add(JSON.readTree(line));
      }
    }
    assertThat(records.stream().map(n -> n.get("level").asText()))
        .containsExactly("INFO", "WARNING", "ERROR", "ERROR"); // Python's level names, as AWS's
    JsonNode info = records.getFirst();
    assertThat(info.get("message").asText()).isEqualTo("an info message");
    assertThat(info.get("logger").asText()).isEqualTo("app");
    assertThat(info.get("requestId").asText()).isEqualTo(id);
    assertThat(info.get("orderId").asText()).isEqualTo("1234");
    JsonNode exception = records.getLast();
    assertThat(exception.get("errorType").asText()).isEqualTo("ZeroDivisionError");
    assertThat(exception.has("stackTrace")).isTrue();
    assertThat(TestServer.logTail(r)).contains("\na print line stays plain text\n");
  }

  @Test
  void boto3CreatesAndInvokesAPythonFunction() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    Path zip = root.resolve("boto3-echo.zip");
    Files.write(zip, FunctionFolders.zip("python", "echo"));
    String script =
        """
        import boto3, json, sys
        client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
        with open(sys.argv[2], "rb") as f:
            client.create_function(FunctionName="py-boto3", Runtime="python3.11",
                                   Role="arn:aws:iam::123456789012:role/lambda-execution-role",
                                   Handler="lambda_function.lambda_handler", Code={"ZipFile": f.read()})
        r = client.invoke(FunctionName="py-boto3", Payload=json.dumps({"from": "boto3"}))
        print(json.dumps({"status": r["StatusCode"], "payload": json.loads(r["Payload"].read()),
                          "version": r["ExecutedVersion"]}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint(), zip.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out.substring(out.lastIndexOf("{\"status\"")));
    assertThat(r.get("status").asInt()).isEqualTo(200);
    assertThat(r.get("payload").toString()).isEqualTo("{\"from\":\"boto3\"}");
    assertThat(r.get("version").asText()).isEqualTo("$LATEST");
  }

  @Test
  void anArm64FunctionRunsOnTheHostsInterpreterAndSaysSo() {
    create("py-arm64", "echo", "--architectures", "arm64");
    InvokeResponse r = invoke("py-arm64", "{\"a\":1}");
    assertThat(json(r).toString()).isEqualTo("{\"a\":1}");
    assertThat(TestServer.logTail(r))
        .contains("[outlet] this arm64 function runs on this host's x86_64 Python 3.11");
  }

  @Test
  void nativeLibrariesForTheOtherArchitectureAreRefusedAtCreate() throws IOException {
    byte[] elf = TestZips.elf(TestZips.AARCH64, 3); // a shared library
    Path zip = root.resolve("native-arm.zip");
    Files.write(
        zip,
        TestZips.zip()
            .file("lambda_function.py", "import fast\n", 0644)
            .file("fast.cpython-311-aarch64-linux-gnu.so", elf, 0644)
            .bytes());
    AwsCli.Run refused =
        aws.run(
            "lambda",
            "create-function",
            "--function-name",
            "py-native-arm",
            "--runtime",
            RUNTIME,
            "--handler",
            HANDLER,
            "--role",
            TestServer.ROLE,
            "--zip-file",
            "fileb://" + zip);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err())
        .contains("InvalidParameterValueException")
        .contains(
            "fast.cpython-311-aarch64-linux-gnu.so is an ELF aarch64 (arm64) shared library, but"
                + " the function's architecture is x86_64");
  }

  @Test
  void aRuntimeMappedByTheOperatorRunsOnTheInterpreterNamedAndInitStartSaysSo() {
    try (TestServer mapped =
        TestServer.start(
            root.resolve("data-mapped"), c -> c.withRuntimes(Map.of("python3.12", PYTHON)))) {
      mapped.create(
          "py312",
          FunctionFolders.zip("python", "echo"),
          b -> b.runtime("python3.12").handler(HANDLER));
      InvokeResponse r =
          mapped
              .lambda()
              .invoke(
                  b ->
                      b.functionName("py312")
                          .logType(LogType.TAIL)
                          .payload(SdkBytes.fromUtf8String("{\"b\":2}")));
      assertThat(r.payload().asUtf8String()).isEqualTo("{\"b\": 2}");
      String log = TestServer.logTail(r);
      assertThat(log)
          .containsPattern(
              "INIT_START Runtime Version: python:3\\.11\\.\\d+ \\(serve --runtime python3\\.12=/usr/bin/python3\\.11\\)")
          .contains("[outlet] python3.12 runs on Python 3.11");
    }
  }
}
