package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart through {@code /usr/bin/aws}, with a Java handler written as AWS's documentation writes
 * one: {@code --snap-start ApplyOn=PublishedVersions} is stored and reported (Off on {@code
 * $LATEST}, On on the versions published with it), publishing initializes the version once so that
 * its class-data cache is there before its first invoke (which starts from it), AWS's errors for a
 * bad value and for a runtime SnapStart does not serve, and all of it kept across a restart.
 */
class SnapStartCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER = "example.Handler::handleRequest";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;
  private static byte[] example;

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
    example = dev.outlet.server.testkit.JavaHandlers.compiled(root, EXAMPLE, 17);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aVersionPublishedWithSnapStartIsInitializedBeforeItsFirstInvoke() throws Exception {
    String fn = "snap-java";
    JsonNode created =
        functions.create(
            fn,
            "java17",
            HANDLER,
            example,
            "--memory-size",
            "512",
            "--timeout",
            "30",
            "--snap-start",
            "ApplyOn=PublishedVersions");
    assertSnapStart(created, "PublishedVersions", "Off");
    assertSnapStart(
        aws.ok("lambda", "get-function-configuration", "--function-name", fn),
        "PublishedVersions",
        "Off");
    assertThat(caches()).as("nothing is initialized for $LATEST at create").isEmpty();

    JsonNode v1 = aws.ok("lambda", "publish-version", "--function-name", fn);
    assertThat(v1.get("Version").asText()).isEqualTo("1");
    assertThat(v1.get("State").asText()).isEqualTo("Active");
    assertSnapStart(v1, "PublishedVersions", "On");
    aws.ok("lambda", "wait", "published-version-active", "--function-name", fn, "--qualifier", "1");
    assertThat(caches()).as("the version's class-data cache, made at publish").hasSize(1);

    JsonNode[] first = invoke(fn + ":1", "{\"name\":\"snap\"}");
    assertThat(first[1].get("ExecutedVersion").asText()).isEqualTo("1");
    assertThat(first[1].has("FunctionError")).isFalse();
    assertThat(first[0].asText()).startsWith("17.");
    String log = log(first[1]);
    assertThat(log)
        .as("its first cold start already starts from the cache")
        .contains("INIT_START")
        .contains("[outlet] the JVM starts from a class-data cache")
        .contains("EVENT: {name=snap}")
        .doesNotContain("Restore Duration");

    assertSnapStart(
        aws.ok("lambda", "get-function-configuration", "--function-name", fn, "--qualifier", "1"),
        "PublishedVersions",
        "On");
    assertSnapStart(
        aws.ok("lambda", "get-function", "--function-name", fn + ":$LATEST").get("Configuration"),
        "PublishedVersions",
        "Off");

    // turned off: the next version is not optimized, version 1 keeps what it was published with
    assertSnapStart(
        aws.ok(
            "lambda",
            "update-function-configuration",
            "--function-name",
            fn,
            "--snap-start",
            "ApplyOn=None",
            "--description",
            "plain"),
        "None",
        "Off");
    JsonNode v2 = aws.ok("lambda", "publish-version", "--function-name", fn);
    assertThat(v2.get("Version").asText()).isEqualTo("2");
    assertSnapStart(v2, "None", "Off");
    JsonNode versions = aws.ok("lambda", "list-versions-by-function", "--function-name", fn);
    List<String> statuses = new ArrayList<>();
    versions
        .get("Versions")
        .forEach(
            v ->
                statuses.add(
                    v.get("Version").asText()
                        + " "
                        + v.at("/SnapStart/ApplyOn").asText()
                        + " "
                        + v.at("/SnapStart/OptimizationStatus").asText()));
    assertThat(statuses)
        .containsExactly("$LATEST None Off", "1 PublishedVersions On", "2 None Off");

    Path data = server.dataDir();
    server.close();
    server = TestServer.start(data);
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
    assertSnapStart(
        aws.ok("lambda", "get-function-configuration", "--function-name", fn, "--qualifier", "1"),
        "PublishedVersions",
        "On");
    assertSnapStart(
        aws.ok("lambda", "get-function-configuration", "--function-name", fn + ":2"),
        "None",
        "Off");
    assertSnapStart(
        aws.ok("lambda", "get-function-configuration", "--function-name", fn), "None", "Off");
    JsonNode[] again = invoke(fn + ":1", "{\"name\":\"after\"}");
    assertThat(again[1].has("FunctionError")).isFalse();
    assertThat(log(again[1])).contains("[outlet] the JVM starts from a class-data cache");
  }

  @Test
  void snapStartIsValidatedAsAwsValidatesIt() {
    assertThat(
            aws.fails(
                "lambda",
                "create-function",
                "--function-name",
                "snap-bad-value",
                "--runtime",
                "java21",
                "--handler",
                HANDLER,
                "--role",
                TestServer.ROLE,
                "--zip-file",
                "fileb://" + zip("snap-bad-value"),
                "--snap-start",
                "ApplyOn=Always"))
        .contains("ValidationException")
        .contains(
            "1 validation error detected: Value 'Always' at 'snapStart.applyOn' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [PublishedVersions, None]");
    for (String runtime : List.of("nodejs20.x", "provided.al2023", "python3.11", "java8.al2")) {
      assertThat(
              aws.fails(
                  "lambda",
                  "create-function",
                  "--function-name",
                  "snap-unsupported",
                  "--runtime",
                  runtime,
                  "--handler",
                  "index.handler",
                  "--role",
                  TestServer.ROLE,
                  "--zip-file",
                  "fileb://" + zip("snap-unsupported"),
                  "--snap-start",
                  "ApplyOn=PublishedVersions"))
          .contains("InvalidParameterValueException")
          .contains(runtime + " is not supported for SnapStart enabled functions.");
    }
    assertThat(aws.fails("lambda", "get-function", "--function-name", "snap-unsupported"))
        .contains("ResourceNotFoundException");

    // None is accepted anywhere; turning it on later is checked against the function's runtime
    functions.create(
        "snap-py",
        "python3.11",
        "lambda_function.lambda_handler",
        FunctionFolders.zip("python", "context"),
        "--snap-start",
        "ApplyOn=None");
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "snap-py",
                "--snap-start",
                "ApplyOn=PublishedVersions"))
        .contains("InvalidParameterValueException")
        .contains("python3.11 is not supported for SnapStart enabled functions.");
    functions.create(
        "snap-later", "java21", HANDLER, example, "--snap-start", "ApplyOn=PublishedVersions");
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "snap-later",
                "--runtime",
                "nodejs20.x"))
        .contains("nodejs20.x is not supported for SnapStart enabled functions.");
  }

  // ---- helpers ----

  private static void assertSnapStart(JsonNode configuration, String applyOn, String status) {
    assertThat(configuration.at("/SnapStart/ApplyOn").asText())
        .as(configuration.toString())
        .isEqualTo(applyOn);
    assertThat(configuration.at("/SnapStart/OptimizationStatus").asText())
        .as(configuration.toString())
        .isEqualTo(status);
  }

  /** Invokes through the CLI with the log's tail; the function's answer and the CLI's. */
  private static JsonNode[] invoke(String function, String payload) throws IOException {
    Path out = Files.createTempFile(root, "out", ".json");
    JsonNode cli =
        aws.ok(
            "lambda",
            "invoke",
            "--function-name",
            function,
            "--log-type",
            "Tail",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            payload,
            out.toString());
    return new JsonNode[] {JSON.readTree(Files.readString(out)), cli};
  }

  private static String log(JsonNode cli) {
    return new String(
        Base64.getDecoder().decode(cli.get("LogResult").asText()), StandardCharsets.UTF_8);
  }

  private static List<Path> caches() throws IOException {
    Path dir = server.dataDir().resolve("caches");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".cache")).toList();
    }
  }

  private static Path zip(String name) {
    try {
      Path file = Files.createDirectories(root.resolve("zips")).resolve(name + ".zip");
      Files.write(file, example);
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** AWS's Java handler example (the Lambda developer guide's "Define Lambda function handler"). */
  private static final String EXAMPLE =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.LambdaLogger;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      // Handler value: example.Handler
      public class Handler implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          LambdaLogger logger = context.getLogger();
          logger.log("EVENT: " + event);
          return System.getProperty("java.version");
        }
      }
      """;
}
