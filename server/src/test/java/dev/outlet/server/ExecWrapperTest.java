package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AWS_LAMBDA_EXEC_WRAPPER}, as AWS's documentation uses it: a layer's wrapper script that
 * gets the runtime's command as its arguments and runs it changed (Python started with {@code -X
 * importtime}) or with an environment of its own (Node.js), through {@code /usr/bin/aws}.
 */
class ExecWrapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** AWS's documentation's example: the interpreter's options put before the script. */
  private static final String IMPORTTIME =
      """
      #!/bin/bash
      # the path to the interpreter and all of the originally intended arguments
      args=("$@")
      # the extra options to pass to the interpreter
      extra_args=("-X" "importtime")
      # insert the extra options
      args=("${args[@]:0:$#-1}" "${extra_args[@]}" "${args[@]: -1}")
      # start the runtime with the extra options
      exec "${args[@]}"
      """;

  private static final String EXPORTS =
      """
      #!/bin/sh
      export WRAPPED_BY=exports
      exec "$@"
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Clusters.PYTHON)).as("Python 3.11 not installed").isTrue();
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

  private static String layer(String name, String script) throws Exception {
    Path zip = root.resolve(name + ".zip");
    Files.write(zip, TestZips.zip().file("wrapper", script, 0755).bytes());
    return aws.ok(
            "lambda", "publish-layer-version", "--layer-name", name, "--zip-file", "fileb://" + zip)
        .get("LayerVersionArn")
        .asText();
  }

  private static String logOf(JsonNode invoked) {
    return new String(
        Base64.getDecoder().decode(invoked.get("LogResult").asText()), StandardCharsets.UTF_8);
  }

  private static JsonNode invoke(String function, Path out) {
    return aws.ok(
        "lambda",
        "invoke",
        "--function-name",
        function,
        "--log-type",
        "Tail",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"name\":\"wrapped\"}",
        out.toString());
  }

  @Test
  void aPythonRuntimeStartsThroughTheLayersWrapperWithItsOptions() throws Exception {
    String arn = layer("importtime", IMPORTTIME);
    functions.create(
        "py-wrapped",
        "python3.11",
        Clusters.HANDLER,
        Clusters.HELLO,
        "--layers",
        arn,
        "--environment",
        "Variables={AWS_LAMBDA_EXEC_WRAPPER=/opt/wrapper}");
    Path out = root.resolve("py.json");
    JsonNode invoked = invoke("py-wrapped", out);
    assertThat(invoked.has("FunctionError")).isFalse();
    assertThat(JSON.readTree(out.toFile()).get("hello").asText()).isEqualTo("wrapped");
    assertThat(logOf(invoked)).contains("import time:");
  }

  @Test
  void aNodeRuntimeStartsThroughAWrapperThatSetsItsEnvironment() throws Exception {
    String arn = layer("exports", EXPORTS);
    byte[] zip =
        TestZips.zip()
            .file(
                "index.mjs",
                "export const handler = async () => ({ wrappedBy: process.env.WRAPPED_BY });\n",
                0644)
            .bytes();
    functions.create(
        "node-wrapped",
        "nodejs20.x",
        "index.handler",
        zip,
        "--layers",
        arn,
        "--environment",
        "Variables={AWS_LAMBDA_EXEC_WRAPPER=/opt/wrapper}");
    Path out = root.resolve("node.json");
    JsonNode invoked = invoke("node-wrapped", out);
    assertThat(invoked.has("FunctionError")).isFalse();
    assertThat(JSON.readTree(out.toFile()).get("wrappedBy").asText()).isEqualTo("exports");
  }

  @Test
  void aWrapperThatIsNotThereFailsTheInitWithTheShellsWords() throws Exception {
    functions.create(
        "py-missing-wrapper",
        "python3.11",
        Clusters.HANDLER,
        Clusters.HELLO,
        "--environment",
        "Variables={AWS_LAMBDA_EXEC_WRAPPER=/opt/nowhere}");
    Path out = root.resolve("missing.json");
    JsonNode invoked = invoke("py-missing-wrapper", out);
    assertThat(invoked.get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(Files.readString(out)).contains("Runtime.");
    assertThat(logOf(invoked)).contains("/opt/nowhere");
  }
}
