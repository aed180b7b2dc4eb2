package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS answers on every read beside a function, through {@code /usr/bin/aws} and boto3: code
 * signing configurations and a function's link to one, recursion and runtime management settings,
 * and asynchronous invocation settings, which the event queue applies (retries, maximum age).
 * Stored, kept across a restart, gone with their function.
 */
class FunctionSettingsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER = "lambda_function.lambda_handler";
  private static final String PROFILE =
      "arn:aws:signer:us-east-1:123456789012:/signing-profiles/my_profile/abcde12345";
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
    server =
        TestServer.start(
            root.resolve("data"),
            c -> c.withEventRetryDelays(List.of(Duration.ofMillis(200), Duration.ofMillis(200))));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void codeSigningConfigsAreStoredLinkedAndRefusedWhileUsed() {
    functions.create("signed", "python3.11", HANDLER, FunctionFolders.zip("python", "hello"));
    JsonNode none =
        aws.ok("lambda", "get-function-code-signing-config", "--function-name", "signed");
    assertThat(none.get("CodeSigningConfigArn").asText()).isEmpty();
    assertThat(none.get("FunctionName").asText()).isEqualTo("signed");

    JsonNode created =
        aws.ok(
                "lambda",
                "create-code-signing-config",
                "--description",
                "release signing",
                "--allowed-publishers",
                "SigningProfileVersionArns=" + PROFILE,
                "--code-signing-policies",
                "UntrustedArtifactOnDeployment=Enforce")
            .get("CodeSigningConfig");
    String arn = created.get("CodeSigningConfigArn").asText();
    assertThat(arn)
        .matches("arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-[a-z0-9]{17}");
    assertThat(created.get("CodeSigningConfigId").asText())
        .isEqualTo(arn.substring(arn.lastIndexOf(':') + 1));
    assertThat(created.at("/CodeSigningPolicies/UntrustedArtifactOnDeployment").asText())
        .isEqualTo("Enforce");
    assertThat(
            aws.ok("lambda", "get-code-signing-config", "--code-signing-config-arn", arn)
                .at("/CodeSigningConfig/Description")
                .asText())
        .isEqualTo("release signing");
    assertThat(aws.ok("lambda", "list-code-signing-configs").get("CodeSigningConfigs")).hasSize(1);
    JsonNode updated =
        aws.ok(
                "lambda",
                "update-code-signing-config",
                "--code-signing-config-arn",
                arn,
                "--description",
                "v2")
            .get("CodeSigningConfig");
    assertThat(updated.get("Description").asText()).isEqualTo("v2");
    assertThat(updated.at("/CodeSigningPolicies/UntrustedArtifactOnDeployment").asText())
        .isEqualTo("Enforce");

    JsonNode linked =
        aws.ok(
            "lambda",
            "put-function-code-signing-config",
            "--function-name",
            "signed",
            "--code-signing-config-arn",
            arn);
    assertThat(linked.get("CodeSigningConfigArn").asText()).isEqualTo(arn);
    assertThat(
            aws.ok("lambda", "get-function-code-signing-config", "--function-name", "signed")
                .get("CodeSigningConfigArn")
                .asText())
        .isEqualTo(arn);
    assertThat(
            aws.ok(
                    "lambda",
                    "list-functions-by-code-signing-config",
                    "--code-signing-config-arn",
                    arn)
                .get("FunctionArns")
                .get(0)
                .asText())
        .isEqualTo(TestServer.functionArn("signed"));
    assertThat(aws.fails("lambda", "delete-code-signing-config", "--code-signing-config-arn", arn))
        .contains("ResourceConflictException");
    assertThat(
            aws.fails(
                "lambda",
                "put-function-code-signing-config",
                "--function-name",
                "signed",
                "--code-signing-config-arn",
                arn.substring(0, arn.length() - 3) + "zzz"))
        .contains("ResourceNotFoundException");
    aws.ok("lambda", "delete-function-code-signing-config", "--function-name", "signed");
    aws.ok("lambda", "delete-code-signing-config", "--code-signing-config-arn", arn);
    assertThat(aws.fails("lambda", "get-code-signing-config", "--code-signing-config-arn", arn))
        .contains("ResourceNotFoundException");
  }

  @Test
  void kmsKeyAndTracingAreStoredShownAndRemoved() {
    String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    JsonNode created =
        functions.create(
            "keyed",
            "python3.11",
            HANDLER,
            FunctionFolders.zip("python", "hello"),
            "--kms-key-arn",
            key,
            "--tracing-config",
            "Mode=Active",
            "--environment",
            "Variables={STAGE=test}");
    assertThat(created.get("KMSKeyArn").asText()).isEqualTo(key);
    assertThat(created.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
    JsonNode read = aws.ok("lambda", "get-function-configuration", "--function-name", "keyed");
    assertThat(read.get("KMSKeyArn").asText()).isEqualTo(key);
    // a version keeps the key it was published with
    aws.ok("lambda", "publish-version", "--function-name", "keyed");
    assertThat(
            aws.ok(
                    "lambda",
                    "get-function-configuration",
                    "--function-name",
                    "keyed",
                    "--qualifier",
                    "1")
                .get("KMSKeyArn")
                .asText())
        .isEqualTo(key);
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "keyed",
                "--kms-key-arn",
                "not-an-arn"))
        .contains("ValidationException")
        .contains(
            "Value 'not-an-arn' at 'kMSKeyArn' failed to satisfy constraint: Member must satisfy"
                + " regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
    // an empty KMSKeyArn removes the key (Lambda's own key is used again), as on AWS
    JsonNode removed =
        aws.ok(
            "lambda",
            "update-function-configuration",
            "--function-name",
            "keyed",
            "--kms-key-arn",
            "",
            "--tracing-config",
            "Mode=PassThrough");
    assertThat(removed.has("KMSKeyArn")).isFalse();
    assertThat(removed.at("/TracingConfig/Mode").asText()).isEqualTo("PassThrough");
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", "keyed")
                .has("KMSKeyArn"))
        .isFalse();
  }

  @Test
  void recursionAndRuntimeManagementSettingsRoundTrip() {
    functions.create("settled", "python3.11", HANDLER, FunctionFolders.zip("python", "hello"));
    // Debian's CLI 2.9 and boto3 1.26 predate recursion configs (2024): the REST calls they make
    assertThat(recursion("settled").get("RecursiveLoop").asText()).isEqualTo("Terminate");
    var put =
        server.send(
            "PUT",
            "/2024-08-31/functions/settled/recursion-config",
            "{\"RecursiveLoop\":\"Allow\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).isEqualTo("{\"RecursiveLoop\":\"Allow\"}");
    var bad =
        server.send(
            "PUT",
            "/2024-08-31/functions/settled/recursion-config",
            "{\"RecursiveLoop\":\"Sometimes\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(recursion("settled").get("RecursiveLoop").asText()).isEqualTo("Allow");

    JsonNode runtime =
        aws.ok("lambda", "get-runtime-management-config", "--function-name", "settled");
    assertThat(runtime.get("UpdateRuntimeOn").asText()).isEqualTo("Auto");
    // FunctionArn came after Debian's CLI 2.9, which drops it: as on the wire
    assertThat(
            server
                .send("GET", "/2021-07-20/functions/settled/runtime-management-config", null)
                .body())
        .isEqualTo(
            "{\"UpdateRuntimeOn\":\"Auto\",\"FunctionArn\":\""
                + TestServer.functionArn("settled")
                + "\"}");
    assertThat(
            aws.fails(
                "lambda",
                "put-runtime-management-config",
                "--function-name",
                "settled",
                "--update-runtime-on",
                "Manual"))
        .contains("InvalidParameterValueException");
    String version = "arn:aws:lambda:us-east-1::runtime:" + "a".repeat(64);
    JsonNode manual =
        aws.ok(
            "lambda",
            "put-runtime-management-config",
            "--function-name",
            "settled",
            "--update-runtime-on",
            "Manual",
            "--runtime-version-arn",
            version);
    assertThat(manual.get("RuntimeVersionArn").asText()).isEqualTo(version);
    assertThat(
            aws.ok("lambda", "get-runtime-management-config", "--function-name", "settled")
                .get("UpdateRuntimeOn")
                .asText())
        .isEqualTo("Manual");

    // kept across a restart; gone with the function
    Path data = server.dataDir();
    server.close();
    server =
        TestServer.start(
            data,
            c -> c.withEventRetryDelays(List.of(Duration.ofMillis(200), Duration.ofMillis(200))));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
    assertThat(recursion("settled").get("RecursiveLoop").asText()).isEqualTo("Allow");
    aws.ok("lambda", "delete-function", "--function-name", "settled");
    functions.create("settled", "python3.11", HANDLER, FunctionFolders.zip("python", "hello"));
    assertThat(recursion("settled").get("RecursiveLoop").asText()).isEqualTo("Terminate");
  }

  private static JsonNode recursion(String function) {
    var r = server.send("GET", "/2024-08-31/functions/" + function + "/recursion-config", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int starts(String function) throws InterruptedException {
    String logs = "";
    Thread.sleep(1500); // two retries 200 ms apart, and their runs, fit well within this
    logs =
        aws.run(
                "logs",
                "filter-log-events",
                "--log-group-name",
                "/aws/lambda/" + function,
                "--query",
                "events[].message",
                "--output",
                "text")
            .out();
    int n = 0;
    for (int i = logs.indexOf("START RequestId");
        i >= 0;
        i = logs.indexOf("START RequestId", i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void eventInvokeConfigsAreValidatedStoredAndApplied() throws Exception {
    functions.create("async-once", "python3.11", HANDLER, FunctionFolders.zip("python", "raises"));
    functions.create(
        "async-thrice", "python3.11", HANDLER, FunctionFolders.zip("python", "raises"));
    assertThat(
            aws.fails(
                "lambda", "get-function-event-invoke-config", "--function-name", "async-once"))
        .contains("ResourceNotFoundException")
        .contains(
            "The function "
                + TestServer.functionArn("async-once")
                + ":$LATEST doesn't have an EventInvokeConfig");
    assertThat(
            aws.fails(
                "lambda",
                "put-function-event-invoke-config",
                "--function-name",
                "async-once",
                "--maximum-retry-attempts",
                "3"))
        .contains("rror"); // the CLI's own range check, or AWS's ValidationException
    JsonNode put =
        aws.ok(
            "lambda",
            "put-function-event-invoke-config",
            "--function-name",
            "async-once",
            "--maximum-retry-attempts",
            "0",
            "--maximum-event-age-in-seconds",
            "120");
    assertThat(put.get("MaximumRetryAttempts").asInt()).isZero();
    assertThat(put.get("MaximumEventAgeInSeconds").asInt()).isEqualTo(120);
    assertThat(put.get("FunctionArn").asText())
        .isEqualTo(TestServer.functionArn("async-once") + ":$LATEST");
    assertThat(put.get("LastModified").asText()).isNotBlank(); // epoch seconds on the wire
    aws.ok("sqs", "create-queue", "--queue-name", "dlq"); // a destination queue must exist
    JsonNode updated =
        aws.ok(
            "lambda",
            "update-function-event-invoke-config",
            "--function-name",
            "async-once",
            "--destination-config",
            "{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}}");
    assertThat(updated.get("MaximumRetryAttempts").asInt()).isZero();
    assertThat(updated.at("/DestinationConfig/OnFailure/Destination").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
    assertThat(
            aws.ok("lambda", "list-function-event-invoke-configs", "--function-name", "async-once")
                .get("FunctionEventInvokeConfigs"))
        .hasSize(1);

    // applied: no retry for the one, two retries (AWS's default) for the other
    for (String fn : List.of("async-once", "async-thrice")) {
      aws.ok(
          "lambda",
          "invoke",
          "--function-name",
          fn,
          "--invocation-type",
          "Event",
          root.resolve(fn + ".out").toString());
    }
    assertThat(starts("async-once")).isEqualTo(1);
    assertThat(starts("async-thrice")).isEqualTo(3);

    aws.ok("lambda", "delete-function-event-invoke-config", "--function-name", "async-once");
    assertThat(
            aws.ok("lambda", "list-function-event-invoke-configs", "--function-name", "async-once")
                .get("FunctionEventInvokeConfigs"))
        .isEmpty();
  }

  @Test
  void boto3ReadsWhatTerraformReads() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    functions.create("tf-read", "python3.11", HANDLER, FunctionFolders.zip("python", "hello"));
    String script =
        """
        import boto3, json, sys
        c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
        f = c.get_function(FunctionName="tf-read")
        v = c.list_versions_by_function(FunctionName="tf-read")
        s = c.get_function_code_signing_config(FunctionName="tf-read")
        t = c.list_tags(Resource=f["Configuration"]["FunctionArn"])
        e = c.put_function_event_invoke_config(FunctionName="tf-read", MaximumRetryAttempts=1)
        print(json.dumps({"versions": len(v["Versions"]), "csc": s["CodeSigningConfigArn"],
                          "tags": t["Tags"], "retries": e["MaximumRetryAttempts"]}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out);
    assertThat(r.get("versions").asInt()).isEqualTo(1);
    assertThat(r.get("csc").asText()).isEmpty();
    assertThat(r.get("tags").size()).isZero();
    assertThat(r.get("retries").asInt()).isEqualTo(1);
  }
}
