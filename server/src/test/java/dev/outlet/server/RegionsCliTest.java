package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Regions are namespaces, as on AWS: the same function name in us-east-1 and eu-west-1 is two
 * functions with their own code, ARNs, layers, logs and environment ({@code AWS_REGION}); a region
 * that has nothing answers as an empty one; and everything survives a restart. Through {@code
 * /usr/bin/aws --region} and SDK v2, with a Python handler written as AWS's documentation writes
 * one.
 */
class RegionsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EU = "eu-west-1";
  private static final String US = "us-east-1";

  /** A handler as AWS's Python documentation writes one; {@code WHICH} tells the copies apart. */
  private static final String HANDLER =
      """
      import os

      WHICH = "%s"

      def lambda_handler(event, context):
          print(f"serving {WHICH} in {os.environ['AWS_REGION']}")
          return {
              "which": WHICH,
              "region": os.environ["AWS_REGION"],
              "arn": context.invoked_function_arn,
          }
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
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

  private static Path zip(String which) throws IOException {
    Path dir = root.resolve("src-" + which);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("lambda_function.py"), HANDLER.formatted(which));
    Path zip = root.resolve(which + ".zip");
    Files.write(zip, FunctionFolders.zip(dir));
    return zip;
  }

  private static JsonNode create(String region, String name, String which) throws IOException {
    return create(aws, region, name, which);
  }

  /** {@code aws lambda create-function --region region} of the handler, as {@code which}. */
  private static JsonNode create(AwsCli cli, String region, String name, String which)
      throws IOException {
    return cli.ok(
        "lambda",
        "create-function",
        "--region",
        region,
        "--function-name",
        name,
        "--runtime",
        "python3.11",
        "--handler",
        "lambda_function.lambda_handler",
        "--role",
        TestServer.ROLE,
        "--zip-file",
        "fileb://" + zip(which));
  }

  private static JsonNode invoke(String region, String name) throws IOException {
    Path out = root.resolve("out-" + region + "-" + name + ".json");
    JsonNode meta =
        aws.ok(
            "lambda",
            "invoke",
            "--region",
            region,
            "--function-name",
            name,
            "--payload",
            "{}",
            "--cli-binary-format",
            "raw-in-base64-out",
            out.toString());
    assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
    return JSON.readTree(out.toFile());
  }

  private static List<String> names(JsonNode list, String field, String member) {
    List<String> names = new ArrayList<>();
    list.get(field).forEach(f -> names.add(f.get(member).asText()));
    return names;
  }

  @Test
  void theSameNameInTwoRegionsIsTwoFunctionsAndAnEmptyRegionHasNone() throws Exception {
    JsonNode us = create(US, "greeter", "us-copy");
    JsonNode eu = create(EU, "greeter", "eu-copy");
    assertThat(us.get("FunctionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:greeter");
    assertThat(eu.get("FunctionArn").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:greeter");
    assertThat(eu.get("CodeSha256").asText()).isNotEqualTo(us.get("CodeSha256").asText());

    JsonNode fromEu = invoke(EU, "greeter");
    assertThat(fromEu.get("which").asText()).isEqualTo("eu-copy");
    assertThat(fromEu.get("region").asText()).isEqualTo(EU);
    assertThat(fromEu.get("arn").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:greeter");
    JsonNode fromUs = invoke(US, "greeter");
    assertThat(fromUs.get("which").asText()).isEqualTo("us-copy");
    assertThat(fromUs.get("region").asText()).isEqualTo(US);

    // a function only in eu-west-1, and one only in us-east-1
    create(EU, "eu-only", "eu-only");
    assertThat(
            names(aws.ok("lambda", "list-functions", "--region", EU), "Functions", "FunctionName"))
        .contains("greeter", "eu-only"); // and the other tests' eu-west-1 functions
    assertThat(
            names(aws.ok("lambda", "list-functions", "--region", US), "Functions", "FunctionName"))
        .contains("greeter")
        .doesNotContain("eu-only");
    assertThat(aws.ok("lambda", "list-functions", "--region", "ap-south-1").get("Functions"))
        .isEmpty();
    String missing =
        aws.fails("lambda", "get-function", "--region", US, "--function-name", "eu-only");
    assertThat(missing)
        .contains("ResourceNotFoundException")
        .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:eu-only");
    // a full ARN naming a region is looked up in that region (AWS does the same with its endpoint)
    assertThat(
            aws.ok(
                    "lambda",
                    "get-function-configuration",
                    "--region",
                    EU,
                    "--function-name",
                    "arn:aws:lambda:eu-west-1:000000000000:function:eu-only")
                .get("FunctionName")
                .asText())
        .isEqualTo("eu-only");

    // deleting in one region leaves the other's
    aws.ok("lambda", "delete-function", "--region", US, "--function-name", "greeter");
    assertThat(invoke(EU, "greeter").get("which").asText()).isEqualTo("eu-copy");
  }

  @Test
  void layersLogsAndCodeLinksBelongToTheirRegion() throws Exception {
    create(EU, "logger", "eu-logger");
    Path layerDir = root.resolve("layer-src/python");
    Files.createDirectories(layerDir);
    Files.writeString(layerDir.resolve("shared.py"), "WHO = 'eu layer'\n");
    Path layerZip = root.resolve("layer.zip");
    Files.write(layerZip, FunctionFolders.zip(root.resolve("layer-src")));
    JsonNode layer =
        aws.ok(
            "lambda",
            "publish-layer-version",
            "--region",
            EU,
            "--layer-name",
            "shared",
            "--zip-file",
            "fileb://" + layerZip);
    assertThat(layer.get("LayerVersionArn").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:layer:shared:1");
    assertThat(names(aws.ok("lambda", "list-layers", "--region", EU), "Layers", "LayerName"))
        .contains("shared");
    assertThat(names(aws.ok("lambda", "list-layers", "--region", US), "Layers", "LayerName"))
        .doesNotContain("shared");

    // the package link GetFunction gives in eu-west-1 downloads eu-west-1's package
    JsonNode got = aws.ok("lambda", "get-function", "--region", EU, "--function-name", "logger");
    String location = got.at("/Code/Location").asText();
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(location))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(
            Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(download.body())))
        .isEqualTo(got.at("/Configuration/CodeSha256").asText());

    // the function's log group is in eu-west-1's CloudWatch Logs, not us-east-1's
    invoke(EU, "logger");
    String group = "/aws/lambda/logger";
    JsonNode euEvents = awaitEvents(EU, group);
    assertThat(euEvents.toString()).contains("serving eu-logger in eu-west-1");
    JsonNode usGroups =
        aws.ok("logs", "describe-log-groups", "--region", US, "--log-group-name-prefix", group);
    assertThat(usGroups.get("logGroups")).isEmpty();
  }

  private static JsonNode awaitEvents(String region, String group) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode events = null;
    while (System.nanoTime() < until) {
      AwsCli.Run run =
          aws.run("logs", "filter-log-events", "--region", region, "--log-group-name", group);
      if (run.exit() == 0) {
        events = run.json().get("events");
        if (StreamSupport.stream(events.spliterator(), false)
            .anyMatch(e -> e.get("message").asText().startsWith("REPORT"))) {
          return events;
        }
      }
      Thread.sleep(200);
    }
    return events == null ? JSON.createArrayNode() : events;
  }

  @Test
  void anotherRegionsFunctionsSurviveARestartAndAnSdkSeesThem() throws Exception {
    Path data = root.resolve("restart-data");
    try (TestServer first = TestServer.start(data)) {
      create(
          new AwsCli(first.endpoint(), root.resolve("cli-restart")),
          "ap-southeast-2",
          "kept",
          "kept");
    }
    try (TestServer second = TestServer.start(data);
        LambdaClient sydney = TestServer.client(second.endpoint(), Region.AP_SOUTHEAST_2);
        LambdaClient virginia = TestServer.client(second.endpoint(), Region.US_EAST_1)) {
      assertThat(second.server().functionsLoaded()).as("every region's, in the ready line").isOne();
      assertThat(sydney.listFunctions().functions())
          .extracting(FunctionConfiguration::functionArn)
          .containsExactly("arn:aws:lambda:ap-southeast-2:000000000000:function:kept");
      assertThat(virginia.listFunctions().functions()).isEmpty();
      String payload = sydney.invoke(b -> b.functionName("kept")).payload().asUtf8String();
      assertThat(JSON.readTree(payload).get("region").asText()).isEqualTo("ap-southeast-2");
      try {
        virginia.getFunction(b -> b.functionName("kept"));
        throw new AssertionError("us-east-1 should not have ap-southeast-2's function");
      } catch (ResourceNotFoundException expected) {
        assertThat(expected.statusCode()).isEqualTo(404);
      }
    }
  }
}
