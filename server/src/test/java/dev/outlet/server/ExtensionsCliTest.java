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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External extensions from a layer, through {@code /usr/bin/aws}: AWS's bash example extension and
 * a Python extension written as AWS's samples write one (register for INVOKE and SHUTDOWN,
 * subscribe to the Telemetry API with a listener on {@code sandbox.localdomain}, loop on {@code
 * event/next}). They start before the runtime, get INVOKE with the invocation's request id and ARN,
 * hold the REPORT until they ask for their next event, receive the platform's events and the
 * function's lines by HTTP, and get SHUTDOWN when the sandbox is retired; an extension's init error
 * fails the invocation with its error type.
 */
class ExtensionsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAYER_ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/curl")))
        .as("curl not installed (AWS's bash extension uses it): apt-get install curl")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * A zip of a sample folder under functions/extensions/, its scripts executable as a user's zip
   * keeps them (Maven's copy of the test resources drops the bits).
   */
  private static Path zip(String name) throws IOException {
    Path source = FunctionFolders.folder("extensions", name);
    Path dir = root.resolve("src-" + name);
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(source.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        String first = Files.readString(f, StandardCharsets.UTF_8);
        if (first.startsWith("#!")) {
          Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    Path zip = root.resolve(name + ".zip");
    Files.write(zip, FunctionFolders.zip(dir));
    return zip;
  }

  private static String publish(String layer, Path zip) {
    return aws.ok(
            "lambda",
            "publish-layer-version",
            "--layer-name",
            layer,
            "--zip-file",
            "fileb://" + zip)
        .get("LayerVersionArn")
        .asText();
  }

  private static void create(String name, Path code, String... layers) {
    create(name, "python3.11", "lambda_function.lambda_handler", code, layers);
  }

  private static void create(
      String name, String runtime, String handler, Path code, String... layers) {
    // a 128 MB function gets 7 % of a core, as on Lambda: under a loaded CI machine its work
    // (reading back what the extensions wrote) must not meet the 3 s default
    List<String> more = new ArrayList<>(List.of("--timeout", "30", "--layers"));
    more.addAll(List.of(layers));
    try {
      new CliFunctions(aws, root.resolve("zips"))
          .create(name, runtime, handler, Files.readAllBytes(code), more.toArray(String[]::new));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Invokes with the log's tail; returns [cli answer, payload, log]. */
  private static JsonNode[] invoke(String function) throws IOException {
    Path out = root.resolve(function + ".out.json");
    JsonNode cli =
        aws.ok(
            "lambda", "invoke", "--function-name", function, "--log-type", "Tail", out.toString());
    String log =
        new String(
            Base64.getDecoder().decode(cli.get("LogResult").asText()), StandardCharsets.UTF_8);
    return new JsonNode[] {cli, JSON.readTree(Files.readString(out)), JSON.valueToTree(log)};
  }

  private static String requestIdOf(String log) {
    int at = log.indexOf("START RequestId: ");
    return log.substring(at + 17, log.indexOf(' ', at + 17));
  }

  @Test
  void extensionsRegisterGetInvokeHoldTheReportReceiveTelemetryAndShutDown() throws Exception {
    String layer = publish("telemetry-extension", zip("telemetry-layer"));
    create("extended", zip("function"), layer);

    JsonNode[] first = invoke("extended");
    assertThat(first[0].has("FunctionError")).as(first[1].toString()).isFalse();
    String log = first[2].asText();
    String firstId = requestIdOf(log);
    // registered before the runtime started, and told which function it serves
    assertThat(first[1].at("/registered/functionName").asText()).isEqualTo("extended");
    assertThat(first[1].at("/registered/functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(first[1].at("/registered/handler").asText())
        .isEqualTo("lambda_function.lambda_handler");
    // the platform's lines, as Lambda writes them
    assertThat(log)
        .contains(
            "EXTENSION\tName: bash-example-extension\tState: Ready\tEvents: [INVOKE,SHUTDOWN]")
        .contains(
            "EXTENSION\tName: python-example-extension\tState: Ready\tEvents: [INVOKE,SHUTDOWN]")
        .contains(
            "TELEMETRY\tName: python-example-extension\tState: Subscribed\tTypes: [Platform,"
                + " Function]")
        .contains(
            "LOGS\tName: python-example-extension\tState: Subscribed\tTypes: [Platform, Function]");
    // the REPORT waited for the extension's work after the function answered
    assertThat(log).contains("[python-example-extension] Done with " + firstId);
    assertThat(log.indexOf("[python-example-extension] Done with " + firstId))
        .isLessThan(log.indexOf("REPORT RequestId: " + firstId));
    assertThat(log).contains("bash-example-extension  Received event: {\"eventType\":\"INVOKE\"");

    theNextInvocationsSeeWhatTheExtensionWasGiven("extended", firstId);
    // the Logs API subscriber gets its own schema: platform.end, no init events
    JsonNode logsApi = invoke("extended")[1].get("logs_api");
    List<String> logsTypes = new ArrayList<>();
    logsApi.forEach(e -> logsTypes.add(e.get("type").asText()));
    assertThat(logsTypes)
        .as(logsApi.toString())
        .contains("platform.start", "platform.end", "platform.report", "function")
        .doesNotContain("platform.initStart", "platform.runtimeDone");

    // a new configuration retires the sandbox: its extensions get SHUTDOWN first
    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "extended",
        "--description",
        "changed");
    aws.ok("lambda", "wait", "function-updated-v2", "--function-name", "extended");
    invoke("extended");
    String shutdown = "";
    for (int i = 0; i < 50 && !shutdown.contains("Received SHUTDOWN"); i++) {
      Thread.sleep(200);
      shutdown =
          aws.ok(
                  "logs",
                  "filter-log-events",
                  "--log-group-name",
                  "/aws/lambda/extended",
                  "--filter-pattern",
                  "SHUTDOWN")
              .toString();
    }
    assertThat(shutdown)
        .contains("[python-example-extension] Received SHUTDOWN, reason spindown")
        .contains("bash-example-extension  Received SHUTDOWN event. Exiting.");
  }

  @Test
  void theSameExtensionsServeNodeAndCustomRuntimeFunctions() throws Exception {
    String layer = publish("telemetry-extension-2", zip("telemetry-layer"));
    create("extended-node", "nodejs20.x", "index.handler", zip("node-function"), layer);
    create("extended-shell", "provided.al2023", "function.handler", zip("shell-function"), layer);
    for (String function : List.of("extended-node", "extended-shell")) {
      JsonNode[] first = invoke(function);
      assertThat(first[0].has("FunctionError")).as(first[1].toString()).isFalse();
      String log = first[2].asText();
      String firstId = requestIdOf(log);
      assertThat(first[1].at("/registered/functionName").asText()).isEqualTo(function);
      assertThat(log.indexOf("[python-example-extension] Done with " + firstId))
          .as(log)
          .isPositive()
          .isLessThan(log.indexOf("REPORT RequestId: " + firstId));
      theNextInvocationsSeeWhatTheExtensionWasGiven(function, firstId);
    }
  }

  private static void theNextInvocationsSeeWhatTheExtensionWasGiven(String function, String firstId)
      throws Exception {
    JsonNode seen = null;
    for (int i = 0; i < 20; i++) {
      seen = invoke(function)[1];
      assertThat(seen.has("telemetry")).as(seen.toString()).isTrue();
      if (seen.get("telemetry").toString().contains("platform.report")) {
        break;
      }
      Thread.sleep(100);
    }
    JsonNode invokeEvent = seen.get("events").get(0);
    assertThat(invokeEvent.get("eventType").asText()).isEqualTo("INVOKE");
    assertThat(invokeEvent.get("requestId").asText()).isEqualTo(firstId);
    assertThat(invokeEvent.get("invokedFunctionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + function);
    assertThat(invokeEvent.get("deadlineMs").asLong())
        .isGreaterThan(System.currentTimeMillis() - 60_000);
    assertThat(invokeEvent.at("/tracing/type").asText()).isEqualTo("X-Amzn-Trace-Id");
    List<String> types = new ArrayList<>();
    boolean functionLine = false;
    boolean report = false;
    for (JsonNode e : seen.get("telemetry")) {
      types.add(e.get("type").asText());
      assertThat(e.get("time").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      if (e.get("type").asText().equals("function")
          && e.get("record").asText().contains("hello from the function " + firstId)) {
        functionLine = true;
      }
      if (e.get("type").asText().equals("platform.report")
          && e.at("/record/requestId").asText().equals(firstId)) {
        report = true;
        assertThat(e.at("/record/metrics/durationMs").isNumber()).isTrue();
        assertThat(e.at("/record/metrics/memorySizeMB").asInt()).isEqualTo(128);
      }
    }
    assertThat(types).contains("platform.start", "platform.runtimeDone", "platform.report");
    assertThat(functionLine).as(seen.get("telemetry").toString()).isTrue();
    assertThat(report).as(seen.get("telemetry").toString()).isTrue();
  }

  @Test
  void anExtensionsInitErrorFailsTheInvocationWithItsType() throws Exception {
    Path dir = root.resolve("src-failing/extensions");
    Files.createDirectories(dir);
    Path ext = dir.resolve("failing-extension");
    Files.writeString(
        ext,
        """
        #!/bin/bash
        set -euo pipefail
        NAME="$(basename $0)"
        HEADERS="$(mktemp)"
        curl -sS -D "$HEADERS" -XPOST "http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension/register" \\
          --header "Lambda-Extension-Name: ${NAME}" -d '{"events": ["INVOKE"]}' > /dev/null
        ID=$(grep -Fi Lambda-Extension-Identifier "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
        curl -sS -XPOST "http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension/init/error" \\
          --header "Lambda-Extension-Identifier: ${ID}" \\
          --header "Lambda-Extension-Function-Error-Type: Extension.ConfigInvalid" \\
          -d '{"errorMessage": "no API key", "errorType": "ConfigInvalid"}'
        sleep 30
        """);
    Files.setPosixFilePermissions(ext, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path zip = root.resolve("failing.zip");
    Files.write(zip, FunctionFolders.zip(root.resolve("src-failing")));
    create("failing", zip("function"), publish("failing-extension", zip));

    JsonNode[] r = invoke("failing");
    assertThat(r[0].get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(r[1].get("errorType").asText()).isEqualTo("Extension.ConfigInvalid");
    assertThat(r[2].asText()).contains("INIT_REPORT").contains("Extension.ConfigInvalid");
  }

  @Test
  void aFunctionWithoutExtensionsIsUntouched() throws Exception {
    Path code = root.resolve("plain.zip");
    Files.write(code, FunctionFolders.zip(FunctionFolders.folder("extensions", "function")));
    // the function reads files only extensions write: without them it fails, as it should
    aws.ok(
        "lambda",
        "create-function",
        "--function-name",
        "plain",
        "--runtime",
        "python3.11",
        "--handler",
        "lambda_function.lambda_handler",
        "--role",
        TestServer.ROLE,
        "--zip-file",
        "fileb://" + code);
    JsonNode[] r = invoke("plain");
    assertThat(r[0].get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(r[1].get("errorType").asText()).isEqualTo("FileNotFoundError");
    assertThat(r[2].asText()).doesNotContain("EXTENSION").contains("REPORT RequestId:");
  }
}
