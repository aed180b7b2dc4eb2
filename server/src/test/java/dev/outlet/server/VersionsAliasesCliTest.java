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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Versions and aliases through {@code /usr/bin/aws}, the SDK for Java v2 and boto3, with a Python
 * function written as AWS's documentation writes one (it answers its context: version, invoked ARN,
 * memory): publish, qualifiers on every read and on Invoke, weighted aliases, AWS's errors, and all
 * of it kept across a restart.
 */
class VersionsAliasesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNTIME = "python3.11";
  private static final String HANDLER = "lambda_function.lambda_handler";
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

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

  /** Invokes through the CLI; the function's answer and the CLI's (ExecutedVersion). */
  private static JsonNode[] invoke(String function, String... more) throws Exception {
    Path out = Files.createTempFile(root, "out", ".json");
    List<String> args = new ArrayList<>(List.of("lambda", "invoke", "--function-name", function));
    args.addAll(List.of(more));
    args.add(out.toString());
    JsonNode cli = aws.ok(args.toArray(String[]::new));
    return new JsonNode[] {JSON.readTree(Files.readString(out)), cli};
  }

  private static void createContextFunction(String name, String... more) {
    functions.create(name, RUNTIME, HANDLER, FunctionFolders.zip("python", "context"), more);
  }

  @Test
  void publishedVersionsAreImmutableSnapshotsAddressedByQualifier() throws Exception {
    String fn = "ver-snap";
    createContextFunction(fn, "--memory-size", "128");
    JsonNode v1 =
        aws.ok("lambda", "publish-version", "--function-name", fn, "--description", "first");
    assertThat(v1.get("Version").asText()).isEqualTo("1");
    assertThat(v1.get("FunctionArn").asText()).isEqualTo(ARN + fn + ":1");
    assertThat(v1.get("Description").asText()).isEqualTo("first");
    assertThat(v1.get("State").asText()).isEqualTo("Active");
    // the waiter deploy scripts run after publishing (GetFunctionConfiguration with the version)
    aws.ok("lambda", "wait", "published-version-active", "--function-name", fn, "--qualifier", "1");
    // nothing changed: AWS answers the existing version
    assertThat(aws.ok("lambda", "publish-version", "--function-name", fn).get("Version").asText())
        .isEqualTo("1");

    JsonNode updated =
        aws.ok(
            "lambda",
            "update-function-configuration",
            "--function-name",
            fn,
            "--memory-size",
            "256");
    assertThat(
            aws.fails(
                "lambda",
                "publish-version",
                "--function-name",
                fn,
                "--code-sha256",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        .contains("InvalidParameterValueException")
        .contains(
            "CodeSHA256 (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=) is different from current"
                + " CodeSHA256 in $LATEST ("
                + updated.get("CodeSha256").asText()
                + "). Please try again with the CodeSHA256 in $LATEST.");
    assertThat(
            aws.fails(
                "lambda",
                "publish-version",
                "--function-name",
                fn,
                "--revision-id",
                "00000000-0000-0000-0000-000000000000"))
        .contains("PreconditionFailedException");
    JsonNode v2 =
        aws.ok(
            "lambda",
            "publish-version",
            "--function-name",
            fn,
            "--code-sha256",
            updated.get("CodeSha256").asText(),
            "--revision-id",
            updated.get("RevisionId").asText());
    assertThat(v2.get("Version").asText()).isEqualTo("2");
    assertThat(v2.get("MemorySize").asInt()).isEqualTo(256);

    JsonNode versions = aws.ok("lambda", "list-versions-by-function", "--function-name", fn);
    List<String> arns = new ArrayList<>();
    versions.get("Versions").forEach(v -> arns.add(v.get("FunctionArn").asText()));
    assertThat(arns).containsExactly(ARN + fn + ":$LATEST", ARN + fn + ":1", ARN + fn + ":2");
    assertThat(versions.get("Versions").get(1).has("State")).isFalse();

    JsonNode c1 =
        aws.ok("lambda", "get-function-configuration", "--function-name", fn, "--qualifier", "1");
    assertThat(c1.get("Version").asText()).isEqualTo("1");
    assertThat(c1.get("MemorySize").asInt()).isEqualTo(128);
    assertThat(c1.get("FunctionArn").asText()).isEqualTo(ARN + fn + ":1");
    JsonNode latest = aws.ok("lambda", "get-function", "--function-name", fn + ":$LATEST");
    assertThat(latest.at("/Configuration/FunctionArn").asText()).isEqualTo(ARN + fn + ":$LATEST");
    assertThat(latest.at("/Configuration/Version").asText()).isEqualTo("$LATEST");

    JsonNode[] r1 = invoke(fn, "--qualifier", "1");
    assertThat(r1[1].get("ExecutedVersion").asText()).isEqualTo("1");
    assertThat(r1[0].get("function_version").asText()).isEqualTo("1");
    assertThat(r1[0].get("invoked_function_arn").asText()).isEqualTo(ARN + fn + ":1");
    assertThat(r1[0].get("memory_limit_in_mb").asText()).isEqualTo("128");
    JsonNode[] r2 = invoke(fn + ":2");
    assertThat(r2[1].get("ExecutedVersion").asText()).isEqualTo("2");
    assertThat(r2[0].get("memory_limit_in_mb").asText()).isEqualTo("256");
    JsonNode[] rl = invoke(fn);
    assertThat(rl[1].get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    assertThat(rl[0].get("invoked_function_arn").asText()).isEqualTo(ARN + fn);

    assertThat(
            aws.fails(
                "lambda", "invoke", "--function-name", fn + ":7", root.resolve("x").toString()))
        .contains("ResourceNotFoundException")
        .contains("Function not found: " + ARN + fn + ":7");
    assertThat(
            aws.fails(
                "lambda", "get-function-configuration", "--function-name", fn, "--qualifier", "9"))
        .contains("Function not found: " + ARN + fn + ":9");

    JsonNode all = aws.ok("lambda", "list-functions", "--function-version", "ALL");
    List<String> listed = new ArrayList<>();
    all.get("Functions").forEach(f -> listed.add(f.get("FunctionArn").asText()));
    assertThat(listed).contains(ARN + fn + ":$LATEST", ARN + fn + ":1", ARN + fn + ":2");
    JsonNode plain = aws.ok("lambda", "list-functions");
    plain.get("Functions").forEach(f -> assertThat(f.get("Version").asText()).isEqualTo("$LATEST"));

    assertThat(
            aws.fails("lambda", "delete-function", "--function-name", fn, "--qualifier", "$LATEST"))
        .contains("$LATEST version cannot be deleted without deleting the function.");
    aws.ok("lambda", "delete-function", "--function-name", fn, "--qualifier", "2");
    assertThat(aws.fails("lambda", "get-function", "--function-name", fn + ":2"))
        .contains("Function not found: " + ARN + fn + ":2");
    aws.ok(
        "lambda", "update-function-configuration", "--function-name", fn, "--memory-size", "512");
    // a deleted version's number is never reused
    assertThat(aws.ok("lambda", "publish-version", "--function-name", fn).get("Version").asText())
        .isEqualTo("3");
  }

  @Test
  void createAndUpdateCodeWithPublishMakeAVersion() {
    String fn = "ver-publish-flag";
    JsonNode created =
        functions.create(
            fn, RUNTIME, HANDLER, FunctionFolders.zip("python", "context"), "--publish");
    // AWS's quirk: version 1's configuration under the unqualified ARN
    assertThat(created.get("Version").asText()).isEqualTo("1");
    assertThat(created.get("FunctionArn").asText()).isEqualTo(ARN + fn);
    try {
      Path zip = root.resolve("hello.zip");
      Files.write(zip, FunctionFolders.zip("python", "hello"));
      JsonNode code =
          aws.ok(
              "lambda",
              "update-function-code",
              "--function-name",
              fn,
              "--zip-file",
              "fileb://" + zip,
              "--publish");
      assertThat(code.get("Version").asText()).isEqualTo("2");
      assertThat(code.get("FunctionArn").asText()).isEqualTo(ARN + fn + ":2");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aliasesPointAtVersionsAndSplitTrafficByWeight() throws Exception {
    String fn = "alias-split";
    createContextFunction(fn, "--memory-size", "128");
    aws.ok("lambda", "publish-version", "--function-name", fn);
    aws.ok(
        "lambda", "update-function-configuration", "--function-name", fn, "--memory-size", "192");
    aws.ok("lambda", "publish-version", "--function-name", fn);

    JsonNode live =
        aws.ok(
            "lambda",
            "create-alias",
            "--function-name",
            fn,
            "--name",
            "live",
            "--function-version",
            "1",
            "--description",
            "production");
    assertThat(live.get("AliasArn").asText()).isEqualTo(ARN + fn + ":live");
    assertThat(live.get("FunctionVersion").asText()).isEqualTo("1");
    assertThat(live.get("Description").asText()).isEqualTo("production");
    assertThat(live.has("RoutingConfig")).isFalse();
    assertThat(aws.ok("lambda", "get-alias", "--function-name", fn, "--name", "live"))
        .isEqualTo(live);
    JsonNode[] viaAlias = invoke(fn + ":live");
    assertThat(viaAlias[1].get("ExecutedVersion").asText()).isEqualTo("1");
    assertThat(viaAlias[0].get("invoked_function_arn").asText()).isEqualTo(ARN + fn + ":live");
    assertThat(viaAlias[0].get("function_version").asText()).isEqualTo("1");
    JsonNode aliasConfig =
        aws.ok(
            "lambda", "get-function-configuration", "--function-name", fn, "--qualifier", "live");
    assertThat(aliasConfig.get("FunctionArn").asText()).isEqualTo(ARN + fn + ":live");
    assertThat(aliasConfig.get("Version").asText()).isEqualTo("1");

    // errors, each leaving nothing behind
    assertThat(
            aws.fails(
                "lambda",
                "create-alias",
                "--function-name",
                fn,
                "--name",
                "live",
                "--function-version",
                "2"))
        .contains("ResourceConflictException")
        .contains("Alias already exists: " + ARN + fn + ":live");
    assertThat(
            aws.fails(
                "lambda",
                "create-alias",
                "--function-name",
                fn,
                "--name",
                "canary",
                "--function-version",
                "$LATEST",
                "--routing-config",
                "{\"AdditionalVersionWeights\":{\"1\":0.5}}"))
        .contains("InvalidParameterValueException")
        .contains("$LATEST is not supported for an alias pointing to more than 1 version");
    assertThat(
            aws.fails(
                "lambda",
                "create-alias",
                "--function-name",
                fn,
                "--name",
                "canary",
                "--function-version",
                "5"))
        .contains("ResourceNotFoundException")
        .contains("Function not found: " + ARN + fn + ":5");
    assertThat(
            aws.fails(
                "lambda",
                "create-alias",
                "--function-name",
                fn,
                "--name",
                "42",
                "--function-version",
                "1"))
        .contains("ValidationException")
        .contains("Value '42' at 'name' failed to satisfy constraint");
    assertThat(
            aws.fails(
                "lambda",
                "create-alias",
                "--function-name",
                fn,
                "--name",
                "canary",
                "--function-version",
                "1",
                "--routing-config",
                "{\"AdditionalVersionWeights\":{\"2\":1.5}}"))
        .contains("ValidationException");
    assertThat(aws.fails("lambda", "get-alias", "--function-name", fn, "--name", "canary"))
        .contains("ResourceNotFoundException")
        .contains("Cannot find alias arn: " + ARN + fn + ":canary");
    assertThat(aws.ok("lambda", "list-aliases", "--function-name", fn).get("Aliases")).hasSize(1);

    assertThat(
            aws.fails(
                "lambda",
                "update-alias",
                "--function-name",
                fn,
                "--name",
                "live",
                "--revision-id",
                "00000000-0000-0000-0000-000000000000",
                "--function-version",
                "2"))
        .contains("PreconditionFailedException");
    JsonNode weighted =
        aws.ok(
            "lambda",
            "update-alias",
            "--function-name",
            fn,
            "--name",
            "live",
            "--revision-id",
            live.get("RevisionId").asText(),
            "--routing-config",
            "{\"AdditionalVersionWeights\":{\"2\":0.25}}");
    assertThat(weighted.at("/RoutingConfig/AdditionalVersionWeights/2").asDouble()).isEqualTo(0.25);
    assertThat(weighted.get("FunctionVersion").asText()).isEqualTo("1");
    assertThat(weighted.get("RevisionId").asText()).isNotEqualTo(live.get("RevisionId").asText());
    assertThat(aws.fails("lambda", "delete-function", "--function-name", fn, "--qualifier", "2"))
        .contains("ResourceConflictException");

    // 1,000 invocations through the SDK: version 2 gets a quarter, within 4 standard deviations
    Map<String, Integer> executed = new HashMap<>();
    LambdaClient lambda = server.lambda();
    int n = 1000;
    for (int i = 0; i < n; i++) {
      InvokeResponse r =
          lambda.invoke(
              b -> b.functionName(fn).qualifier("live").payload(SdkBytes.fromUtf8String("{}")));
      assertThat(r.functionError()).isNull();
      JsonNode body = JSON.readTree(r.payload().asUtf8String());
      assertThat(body.get("function_version").asText()).isEqualTo(r.executedVersion());
      assertThat(body.get("memory_limit_in_mb").asText())
          .isEqualTo(r.executedVersion().equals("1") ? "128" : "192");
      executed.merge(r.executedVersion(), 1, Integer::sum);
    }
    // each version keeps its own warm sandbox: alternating between them starts nothing
    for (int i = 0; i < 6; i++) {
      String version = i % 2 == 0 ? "1" : "2";
      InvokeResponse r =
          lambda.invoke(
              b ->
                  b.functionName(fn)
                      .qualifier(version)
                      .logType(software.amazon.awssdk.services.lambda.model.LogType.TAIL));
      String tail = TestServer.logTail(r);
      assertThat(tail).contains("START RequestId").contains("Version: " + version);
      assertThat(tail).as("warm, version %s", version).doesNotContain("Init Duration");
    }
    double sd = Math.sqrt(n * 0.25 * 0.75);
    assertThat(executed.keySet()).containsExactlyInAnyOrder("1", "2");
    assertThat((double) executed.get("2")).isBetween(n * 0.25 - 4 * sd, n * 0.25 + 4 * sd);

    JsonNode onlyTwo =
        aws.ok("lambda", "list-aliases", "--function-name", fn, "--function-version", "2");
    assertThat(onlyTwo.get("Aliases")).isEmpty();
    aws.ok("lambda", "delete-alias", "--function-name", fn, "--name", "live");
    aws.ok("lambda", "delete-alias", "--function-name", fn, "--name", "live"); // as AWS: no error
    assertThat(
            aws.fails(
                "lambda", "invoke", "--function-name", fn + ":live", root.resolve("y").toString()))
        .contains("Function not found: " + ARN + fn + ":live");
    aws.ok("lambda", "delete-function", "--function-name", fn, "--qualifier", "2");
  }

  @Test
  void versionsAndAliasesSurviveARestartAndGoWithTheirFunction() throws Exception {
    String fn = "ver-durable";
    createContextFunction(fn);
    aws.ok("lambda", "publish-version", "--function-name", fn);
    aws.ok("lambda", "update-function-configuration", "--function-name", fn, "--timeout", "9");
    aws.ok("lambda", "publish-version", "--function-name", fn);
    aws.ok("lambda", "delete-function", "--function-name", fn, "--qualifier", "2");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        fn,
        "--name",
        "prod",
        "--function-version",
        "1");
    Path data = server.dataDir();
    server.close();
    server = TestServer.start(data);
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));

    JsonNode versions = aws.ok("lambda", "list-versions-by-function", "--function-name", fn);
    assertThat(versions.get("Versions")).hasSize(2);
    assertThat(
            aws.ok("lambda", "get-alias", "--function-name", fn, "--name", "prod")
                .get("FunctionVersion")
                .asText())
        .isEqualTo("1");
    assertThat(invoke(fn + ":prod")[1].get("ExecutedVersion").asText()).isEqualTo("1");
    // $LATEST unchanged since version 2 was cut, but 2 is gone: the counter still moves on
    assertThat(aws.ok("lambda", "publish-version", "--function-name", fn).get("Version").asText())
        .isEqualTo("3");

    aws.ok("lambda", "delete-function", "--function-name", fn);
    createContextFunction(fn);
    assertThat(aws.ok("lambda", "list-versions-by-function", "--function-name", fn).get("Versions"))
        .hasSize(1);
    assertThat(aws.ok("lambda", "list-aliases", "--function-name", fn).get("Aliases")).isEmpty();
    assertThat(aws.ok("lambda", "publish-version", "--function-name", fn).get("Version").asText())
        .isEqualTo("1");
  }

  @Test
  void boto3PublishesAliasesAndInvokes() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    createContextFunction("ver-boto3");
    String script =
        """
        import boto3, json, sys
        c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
        v = c.publish_version(FunctionName="ver-boto3", Description="from boto3")
        a = c.create_alias(FunctionName="ver-boto3", Name="blue", FunctionVersion=v["Version"])
        r = c.invoke(FunctionName="ver-boto3", Qualifier="blue", Payload=b"{}")
        vs = c.list_versions_by_function(FunctionName="ver-boto3")["Versions"]
        print(json.dumps({"version": v["Version"], "alias": a["AliasArn"],
                          "executed": r["ExecutedVersion"],
                          "payload": json.loads(r["Payload"].read()),
                          "versions": [x["Version"] for x in vs]}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out);
    assertThat(r.get("version").asText()).isEqualTo("1");
    assertThat(r.get("alias").asText()).isEqualTo(ARN + "ver-boto3:blue");
    assertThat(r.get("executed").asText()).isEqualTo("1");
    assertThat(r.at("/payload/invoked_function_arn").asText()).isEqualTo(ARN + "ver-boto3:blue");
    assertThat(r.get("versions").toString()).isEqualTo("[\"$LATEST\",\"1\"]");
  }

  @Test
  void anAliasHasItsOwnFunctionUrlAndServesAnHttpApiIntegration() throws Exception {
    assumeThat(Files.isExecutable(dev.outlet.server.testkit.Curl.CURL))
        .as("curl not installed: apt-get install curl")
        .isTrue();
    String fn = "alias-front";
    createContextFunction(fn, "--memory-size", "128");
    aws.ok("lambda", "publish-version", "--function-name", fn);
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        fn,
        "--name",
        "stable",
        "--function-version",
        "1");
    aws.ok(
        "lambda", "update-function-configuration", "--function-name", fn, "--memory-size", "320");

    assertThat(
            aws.fails(
                "lambda",
                "create-function-url-config",
                "--function-name",
                fn,
                "--qualifier",
                "1",
                "--auth-type",
                "NONE"))
        .contains("ValidationException")
        .contains("at 'qualifier'");
    assertThat(
            aws.fails(
                "lambda",
                "create-function-url-config",
                "--function-name",
                fn,
                "--qualifier",
                "nope",
                "--auth-type",
                "NONE"))
        .contains("Function not found: " + ARN + fn + ":nope");
    JsonNode aliasUrl =
        aws.ok(
            "lambda",
            "create-function-url-config",
            "--function-name",
            fn,
            "--qualifier",
            "stable",
            "--auth-type",
            "NONE");
    assertThat(aliasUrl.get("FunctionArn").asText()).isEqualTo(ARN + fn + ":stable");
    JsonNode latestUrl =
        aws.ok(
            "lambda", "create-function-url-config", "--function-name", fn, "--auth-type", "NONE");
    assertThat(
            aws.ok("lambda", "list-function-url-configs", "--function-name", fn)
                .get("FunctionUrlConfigs"))
        .hasSize(2);

    JsonNode viaAlias =
        JSON.readTree(
            dev.outlet.server.testkit.Curl.run(aliasUrl.get("FunctionUrl").asText()).body());
    assertThat(viaAlias.get("function_version").asText()).isEqualTo("1");
    assertThat(viaAlias.get("memory_limit_in_mb").asText()).isEqualTo("128");
    assertThat(viaAlias.get("invoked_function_arn").asText()).isEqualTo(ARN + fn + ":stable");
    JsonNode viaLatest =
        JSON.readTree(
            dev.outlet.server.testkit.Curl.run(latestUrl.get("FunctionUrl").asText()).body());
    assertThat(viaLatest.get("memory_limit_in_mb").asText()).isEqualTo("320");

    // an HTTP API whose integration names the alias's ARN
    JsonNode api =
        aws.ok(
            "apigatewayv2",
            "create-api",
            "--name",
            "aliased",
            "--protocol-type",
            "HTTP",
            "--target",
            ARN + fn + ":stable");
    int port = java.net.URI.create(server.endpoint()).getPort();
    JsonNode viaApi =
        JSON.readTree(
            dev.outlet.server.testkit.Curl.run(
                    "http://" + api.get("ApiId").asText() + ".execute-api.localhost:" + port + "/x")
                .body());
    assertThat(viaApi.get("function_version").asText()).isEqualTo("1");

    // deleting the alias deletes its URL, not the function's
    aws.ok("lambda", "delete-alias", "--function-name", fn, "--name", "stable");
    assertThat(
            aws.ok("lambda", "list-function-url-configs", "--function-name", fn)
                .get("FunctionUrlConfigs"))
        .hasSize(1);
    assertThat(dev.outlet.server.testkit.Curl.run(aliasUrl.get("FunctionUrl").asText()).status())
        .isEqualTo(403);
  }

  @Test
  void invokeAsyncOfAnAliasQueuesAnEventThatRunsItsVersion() throws Exception {
    String fn = "alias-async";
    createContextFunction(fn);
    aws.ok("lambda", "publish-version", "--function-name", fn);
    aws.ok(
        "lambda", "create-alias", "--function-name", fn, "--name", "a", "--function-version", "1");
    Path args = root.resolve("async-args.json");
    Files.writeString(args, "{\"from\":\"invoke-async\"}");
    JsonNode status =
        aws.ok(
            "lambda",
            "invoke-async",
            "--function-name",
            fn + ":a",
            "--invoke-args",
            args.toString());
    assertThat(status.get("Status").asInt()).isEqualTo(202);
    assertThat(
            aws.fails(
                "lambda",
                "invoke-async",
                "--function-name",
                "nope",
                "--invoke-args",
                args.toString()))
        .contains("ResourceNotFoundException");
    String logs = "";
    for (int i = 0; i < 100 && !logs.contains("REPORT"); i++) {
      Thread.sleep(100);
      logs =
          aws.run(
                  "logs",
                  "filter-log-events",
                  "--log-group-name",
                  "/aws/lambda/" + fn,
                  "--query",
                  "events[].message",
                  "--output",
                  "text")
              .out();
    }
    assertThat(logs).contains("Version: 1").contains("REPORT RequestId:");
  }
}
