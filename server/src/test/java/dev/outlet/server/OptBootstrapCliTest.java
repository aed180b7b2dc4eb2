package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom runtime from a layer, through {@code /usr/bin/aws}: the function's zip holds only its
 * handler script, a layer holds the {@code bootstrap} of AWS's custom-runtime tutorial, which runs
 * as {@code /opt/bootstrap}. A zip with no bootstrap at all is accepted, as AWS accepts it (deploy
 * tools attach layers in a later call), and its invocations answer Runtime.InvalidEntrypoint with
 * what is missing until a layer brings one.
 */
class OptBootstrapCliTest {
  private static final String LAYER_ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";

  /** The bootstrap of AWS's custom-runtime tutorial. */
  static final String TUTORIAL_BOOTSTRAP =
      """
      #!/bin/sh

      set -euo pipefail

      # Initialization - load function handler
      source $LAMBDA_TASK_ROOT/"$(echo $_HANDLER | cut -d. -f1).sh"

      # Processing
      while true
      do
        HEADERS="$(mktemp)"
        # Get an event. The HTTP request will block until one is received
        EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")

        # Extract request ID by scraping response headers received above
        REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)

        # Run the handler function from the script
        RESPONSE=$($(echo "$_HANDLER" | cut -d. -f2) "$EVENT_DATA")

        # Send the response
        curl -sS "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response"  -d "$RESPONSE"
      done
      """;

  static final String HANDLER =
      """
      function handler () {
        EVENT_DATA=$1
        echo "$EVENT_DATA" 1>&2;
        RESPONSE="Echoing request: '$EVENT_DATA'"

        echo $RESPONSE
      }
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Path zip(String name, String file, String content, boolean executable)
      throws IOException {
    Path dir = root.resolve("src-" + name);
    Files.createDirectories(dir);
    Path f = dir.resolve(file);
    Files.writeString(f, content);
    Files.setPosixFilePermissions(
        f, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    Path zip = root.resolve(name + ".zip");
    Files.write(zip, FunctionFolders.zip(dir));
    return zip;
  }

  private static JsonNode invoke(String function, Path out) {
    return aws.ok(
        "lambda",
        "invoke",
        "--function-name",
        function,
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"text\":\"Hello\"}",
        out.toString());
  }

  @Test
  void aLayersBootstrapRunsTheFunctionAndAZipWithoutOneWaitsForItsLayer() throws Exception {
    String layer =
        aws.ok(
                "lambda",
                "publish-layer-version",
                "--layer-name",
                "shell-runtime",
                "--zip-file",
                "fileb://" + zip("runtime", "bootstrap", TUTORIAL_BOOTSTRAP, true),
                "--compatible-runtimes",
                "provided.al2023")
            .get("LayerVersionArn")
            .asText();
    assertThat(layer).isEqualTo(LAYER_ARN + "shell-runtime:1");
    Path code = zip("function", "function.sh", HANDLER, false);

    // created with its layer in the same call
    aws.ok(
        "lambda",
        "create-function",
        "--function-name",
        "from-layer",
        "--runtime",
        "provided.al2023",
        "--handler",
        "function.handler",
        "--role",
        TestServer.ROLE,
        "--zip-file",
        "fileb://" + code,
        "--layers",
        layer);
    Path out = root.resolve("from-layer.json");
    assertThat(invoke("from-layer", out).has("FunctionError")).isFalse();
    assertThat(Files.readString(out)).isEqualTo("Echoing request: '{\"text\":\"Hello\"}'");

    // created first, its layer attached later, as deploy tools do
    JsonNode created =
        aws.ok(
            "lambda",
            "create-function",
            "--function-name",
            "layer-later",
            "--runtime",
            "provided.al2023",
            "--handler",
            "function.handler",
            "--role",
            TestServer.ROLE,
            "--zip-file",
            "fileb://" + code);
    assertThat(created.get("FunctionName").asText()).isEqualTo("layer-later");
    aws.ok("lambda", "wait", "function-active-v2", "--function-name", "layer-later");
    Path failed = root.resolve("layer-later-1.json");
    JsonNode answer = invoke("layer-later", failed);
    assertThat(answer.get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(Files.readString(failed))
        .contains("\"errorType\":\"Runtime.InvalidEntrypoint\"")
        .contains("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")
        .contains("function.sh");

    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "layer-later",
        "--layers",
        layer);
    aws.ok("lambda", "wait", "function-updated-v2", "--function-name", "layer-later");
    Path ok = root.resolve("layer-later-2.json");
    assertThat(invoke("layer-later", ok).has("FunctionError")).isFalse();
    assertThat(Files.readString(ok)).isEqualTo("Echoing request: '{\"text\":\"Hello\"}'");

    // a layer's bootstrap without its exec bit is refused at once, as the zip's own would be
    String broken =
        aws.ok(
                "lambda",
                "publish-layer-version",
                "--layer-name",
                "broken-runtime",
                "--zip-file",
                "fileb://" + zip("broken", "bootstrap", TUTORIAL_BOOTSTRAP, false))
            .get("LayerVersionArn")
            .asText();
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "layer-later",
                "--layers",
                broken))
        .contains("InvalidParameterValueException")
        .contains("bootstrap has no execute permission");
    assertThat(invoke("layer-later", ok).has("FunctionError")).isFalse();
  }
}
