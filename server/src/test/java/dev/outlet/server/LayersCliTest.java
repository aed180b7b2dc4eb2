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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers through {@code /usr/bin/aws} and boto3, with functions and layers laid out as AWS's
 * documentation lays them out: a Python module under {@code python/}, a Node.js package under
 * {@code nodejs/node_modules/}, a tool under {@code bin/}; merged read-only at /opt, later layers
 * winning; every layer operation, AWS's errors, and all of it kept across a restart.
 */
class LayersCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAYER_ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
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

  /** A zip of {@code files} (path, content; a path under bin/ is executable), as a file. */
  private static Path zip(String name, String... files) throws IOException {
    Path dir = root.resolve("src-" + name);
    for (int i = 0; i < files.length; i += 2) {
      Path f = dir.resolve(files[i]);
      Files.createDirectories(f.getParent());
      Files.writeString(f, files[i + 1]);
      if (files[i].startsWith("bin/")) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Path zip = root.resolve(name + ".zip");
    Files.write(zip, FunctionFolders.zip(dir));
    return zip;
  }

  private static JsonNode publish(String layer, Path zip, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "lambda",
                "publish-layer-version",
                "--layer-name",
                layer,
                "--zip-file",
                "fileb://" + zip));
    args.addAll(List.of(more));
    return aws.ok(args.toArray(String[]::new));
  }

  private static JsonNode invoke(String function) throws IOException {
    Path out = root.resolve(function + ".out.json");
    JsonNode cli = aws.ok("lambda", "invoke", "--function-name", function, out.toString());
    assertThat(cli.has("FunctionError")).as(Files.readString(out)).isFalse();
    return JSON.readTree(Files.readString(out));
  }

  @Test
  void aPythonFunctionImportsItsLayersModuleAndRunsItsToolLaterLayersWinning() throws Exception {
    JsonNode v1 =
        publish(
            "py-lib",
            zip(
                "py-lib",
                "python/greeting.py",
                "WHO = 'first'\ndef greet(name):\n    return 'hello ' + name + ' from ' + WHO\n",
                "bin/mytool",
                "#!/bin/sh\necho tool-from-layer\n"),
            "--description",
            "greeting library",
            "--compatible-runtimes",
            "python3.11",
            "python3.12",
            "--compatible-architectures",
            "x86_64",
            "--license-info",
            "MIT");
    assertThat(v1.get("Version").asInt()).isEqualTo(1);
    assertThat(v1.get("LayerArn").asText()).isEqualTo(LAYER_ARN + "py-lib");
    assertThat(v1.get("LayerVersionArn").asText()).isEqualTo(LAYER_ARN + "py-lib:1");
    assertThat(v1.at("/Content/CodeSha256").asText()).isNotBlank();
    assertThat(v1.at("/Content/Location").asText()).startsWith(server.endpoint());
    assertThat(v1.get("CompatibleRuntimes").toString())
        .isEqualTo("[\"python3.11\",\"python3.12\"]");
    assertThat(v1.get("LicenseInfo").asText()).isEqualTo("MIT");
    JsonNode override =
        publish(
            "py-override",
            zip(
                "py-override",
                "python/greeting.py",
                "def greet(name):\n    return 'overridden'\n"));

    Path code =
        zip(
            "layered-fn",
            "lambda_function.py",
            "import subprocess\nimport greeting\n\n\ndef lambda_handler(event, context):\n"
                + "    return {'greeting': greeting.greet('Ada'),\n"
                + "            'tool': subprocess.check_output(['mytool']).decode().strip()}\n");
    JsonNode created =
        aws.ok(
            "lambda",
            "create-function",
            "--function-name",
            "layered",
            "--runtime",
            "python3.11",
            "--handler",
            "lambda_function.lambda_handler",
            "--role",
            TestServer.ROLE,
            "--zip-file",
            "fileb://" + code,
            "--layers",
            LAYER_ARN + "py-lib:1");
    assertThat(created.get("Layers").get(0).get("Arn").asText()).isEqualTo(LAYER_ARN + "py-lib:1");
    assertThat(created.get("Layers").get(0).get("CodeSize").asLong())
        .isEqualTo(v1.at("/Content/CodeSize").asLong());
    JsonNode r = invoke("layered");
    assertThat(r.get("greeting").asText()).isEqualTo("hello Ada from first");
    assertThat(r.get("tool").asText()).isEqualTo("tool-from-layer");

    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "layered",
        "--layers",
        LAYER_ARN + "py-lib:1",
        override.get("LayerVersionArn").asText());
    assertThat(invoke("layered").get("greeting").asText()).isEqualTo("overridden");

    // AWS's errors, each leaving the function as it was
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "layered",
                "--layers",
                LAYER_ARN + "py-lib:9"))
        .contains("InvalidParameterValueException")
        .contains("Layer version " + LAYER_ARN + "py-lib:9 does not exist.");
    List<String> six =
        new ArrayList<>(
            List.of(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "layered",
                "--layers"));
    for (int i = 0; i < 6; i++) {
      six.add(LAYER_ARN + "py-lib:1");
    }
    assertThat(aws.fails(six.toArray(String[]::new)))
        .contains("InvalidParameterValueException")
        .contains("Cannot reference more than 5 layers.");
    assertThat(invoke("layered").get("greeting").asText()).isEqualTo("overridden");

    // kept across a restart
    Path data = server.dataDir();
    server.close();
    server = TestServer.start(data);
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
    assertThat(invoke("layered").get("greeting").asText()).isEqualTo("overridden");
    aws.ok("lambda", "update-function-configuration", "--function-name", "layered", "--layers");
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", "layered")
                .has("Layers"))
        .isFalse();
  }

  @Test
  void aNodeFunctionRequiresItsLayersPackage() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/node"))).as("Node.js not installed").isTrue();
    JsonNode layer =
        publish(
            "node-lib",
            zip(
                "node-lib",
                "nodejs/node_modules/shout/index.js",
                "exports.shout = (s) => s.toUpperCase() + '!';\n",
                "nodejs/node_modules/shout/package.json",
                "{\"name\":\"shout\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n"),
            "--compatible-runtimes",
            "nodejs20.x");
    Path code =
        zip(
            "node-fn",
            "index.mjs",
            "import { createRequire } from 'module';\n"
                + "const require = createRequire(import.meta.url);\n"
                + "const { shout } = require('shout');\n"
                + "export const handler = async () => ({ said: shout('hello') });\n");
    aws.ok(
        "lambda",
        "create-function",
        "--function-name",
        "node-layered",
        "--runtime",
        "nodejs20.x",
        "--handler",
        "index.handler",
        "--role",
        TestServer.ROLE,
        "--zip-file",
        "fileb://" + code,
        "--layers",
        layer.get("LayerVersionArn").asText());
    assertThat(invoke("node-layered").get("said").asText()).isEqualTo("HELLO!");
  }

  @Test
  void everyLayerOperationAnswersAsAws() throws Exception {
    Path z = zip("ops", "python/ops.py", "X = 1\n");
    publish("ops", z, "--compatible-runtimes", "python3.11", "--compatible-architectures", "arm64");
    publish("ops", z, "--compatible-runtimes", "nodejs20.x");
    JsonNode versions = aws.ok("lambda", "list-layer-versions", "--layer-name", "ops");
    assertThat(versions.get("LayerVersions")).hasSize(2);
    assertThat(versions.get("LayerVersions").get(0).get("Version").asInt()).isEqualTo(2);
    assertThat(
            aws.ok(
                    "lambda",
                    "list-layer-versions",
                    "--layer-name",
                    "ops",
                    "--compatible-runtime",
                    "python3.11")
                .get("LayerVersions"))
        .hasSize(1);
    JsonNode layers = aws.ok("lambda", "list-layers", "--compatible-runtime", "python3.11");
    JsonNode ops = null;
    for (JsonNode l : layers.get("Layers")) {
      if (l.get("LayerName").asText().equals("ops")) {
        ops = l;
      }
    }
    assertThat(ops).isNotNull();
    assertThat(ops.at("/LatestMatchingVersion/Version").asInt()).isEqualTo(1);
    assertThat(
            aws.ok("lambda", "get-layer-version", "--layer-name", "ops", "--version-number", "2")
                .get("LayerVersionArn")
                .asText())
        .isEqualTo(LAYER_ARN + "ops:2");
    assertThat(
            aws.ok("lambda", "get-layer-version-by-arn", "--arn", LAYER_ARN + "ops:1")
                .get("CompatibleArchitectures")
                .toString())
        .isEqualTo("[\"arm64\"]");
    assertThat(
            aws.fails(
                "lambda", "get-layer-version", "--layer-name", "ops", "--version-number", "7"))
        .contains("ResourceNotFoundException");

    JsonNode added =
        aws.ok(
            "lambda",
            "add-layer-version-permission",
            "--layer-name",
            "ops",
            "--version-number",
            "1",
            "--statement-id",
            "share",
            "--action",
            "lambda:GetLayerVersion",
            "--principal",
            "123456789012");
    JsonNode statement = JSON.readTree(added.get("Statement").asText());
    assertThat(statement.at("/Principal/AWS").asText()).isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(statement.get("Resource").asText()).isEqualTo(LAYER_ARN + "ops:1");
    assertThat(
            aws.fails(
                "lambda",
                "add-layer-version-permission",
                "--layer-name",
                "ops",
                "--version-number",
                "1",
                "--statement-id",
                "share",
                "--action",
                "lambda:GetLayerVersion",
                "--principal",
                "*"))
        .contains("ResourceConflictException");
    JsonNode policy =
        aws.ok(
            "lambda", "get-layer-version-policy", "--layer-name", "ops", "--version-number", "1");
    assertThat(JSON.readTree(policy.get("Policy").asText()).get("Statement")).hasSize(1);
    aws.ok(
        "lambda",
        "remove-layer-version-permission",
        "--layer-name",
        "ops",
        "--version-number",
        "1",
        "--statement-id",
        "share");
    assertThat(
            aws.fails(
                "lambda",
                "get-layer-version-policy",
                "--layer-name",
                "ops",
                "--version-number",
                "1"))
        .contains("ResourceNotFoundException");

    aws.ok("lambda", "delete-layer-version", "--layer-name", "ops", "--version-number", "2");
    aws.ok("lambda", "delete-layer-version", "--layer-name", "ops", "--version-number", "2");
    // a deleted number is never reused
    assertThat(publish("ops", z).get("Version").asInt()).isEqualTo(3);
  }

  @Test
  void boto3PublishesAndReadsALayer() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    Path z = zip("boto", "python/b.py", "B = 2\n");
    String script =
        """
        import boto3, json, sys
        c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
        with open(sys.argv[2], "rb") as f:
            p = c.publish_layer_version(LayerName="boto-layer", Content={"ZipFile": f.read()},
                                        CompatibleRuntimes=["python3.11"])
        g = c.get_layer_version(LayerName="boto-layer", VersionNumber=p["Version"])
        l = c.list_layer_versions(LayerName="boto-layer")
        print(json.dumps({"arn": p["LayerVersionArn"], "sha": g["Content"]["CodeSha256"],
                          "same": p["Content"]["CodeSha256"] == g["Content"]["CodeSha256"],
                          "count": len(l["LayerVersions"])}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint(), z.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out);
    assertThat(r.get("arn").asText()).isEqualTo(LAYER_ARN + "boto-layer:1");
    assertThat(r.get("same").asBoolean()).isTrue();
    assertThat(r.get("count").asInt()).isEqualTo(1);
  }
}
