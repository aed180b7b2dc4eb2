package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Provisioned concurrency on an alias, through {@code /usr/bin/aws} and the SDK for Java v2, with a
 * Python function written as AWS's documentation writes one: environments initialized ahead of time
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}, status IN_PROGRESS then READY),
 * the first invoke warm, invocations beyond them spilling over to on-demand, AWS's errors, and the
 * configuration kept across a restart.
 */
class ProvisionedConcurrencyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  private static JsonNode awaitReady(String fn, String qualifier) throws InterruptedException {
    JsonNode config = null;
    for (int i = 0; i < 300; i++) {
      config =
          aws.ok(
              "lambda",
              "get-provisioned-concurrency-config",
              "--function-name",
              fn,
              "--qualifier",
              qualifier);
      if (!config.get("Status").asText().equals("IN_PROGRESS")) {
        break;
      }
      Thread.sleep(100);
    }
    return config;
  }

  private static InvokeResponse invoke(String fn, String payload) {
    return server
        .lambda()
        .invoke(
            b ->
                b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void provisionedEnvironmentsAreInitializedAheadAndInvocationsBeyondThemSpillOver()
      throws Exception {
    String fn = "pc-alias";
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            fn,
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "provisioned"),
            "--publish");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        fn,
        "--name",
        "live",
        "--function-version",
        "1");

    JsonNode put =
        aws.ok(
            "lambda",
            "put-provisioned-concurrency-config",
            "--function-name",
            fn,
            "--qualifier",
            "live",
            "--provisioned-concurrent-executions",
            "2");
    assertThat(put.get("RequestedProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
    assertThat(put.get("Status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(put.get("LastModified").asText()).isNotBlank();
    JsonNode ready = awaitReady(fn, "live");
    assertThat(ready.get("Status").asText()).isEqualTo("READY");
    assertThat(ready.get("AllocatedProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
    assertThat(ready.get("AvailableProvisionedConcurrentExecutions").asInt()).isEqualTo(2);

    // the first invocation is warm: no Init Duration, its environment was initialized before
    InvokeResponse first = invoke(fn + ":live", "{}");
    JsonNode body = JSON.readTree(first.payload().asUtf8String());
    assertThat(body.get("initialization_type").asText()).isEqualTo("provisioned-concurrency");
    assertThat(body.get("version").asText()).isEqualTo("1");
    assertThat(first.executedVersion()).isEqualTo("1");
    assertThat(TestServer.logTail(first)).contains("REPORT").doesNotContain("Init Duration");

    // three at once: two provisioned environments, one on-demand spill-over (a cold start)
    List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
    var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < 3; i++) {
      calls.add(
          CompletableFuture.supplyAsync(() -> invoke(fn + ":live", "{\"seconds\": 1.5}"), threads));
    }
    int provisioned = 0;
    int onDemand = 0;
    for (CompletableFuture<InvokeResponse> c : calls) {
      InvokeResponse r = c.join();
      assertThat(r.functionError()).isNull();
      String type = JSON.readTree(r.payload().asUtf8String()).get("initialization_type").asText();
      if (type.equals("provisioned-concurrency")) {
        provisioned++;
        assertThat(TestServer.logTail(r)).doesNotContain("Init Duration");
      } else {
        onDemand++;
        assertThat(type).isEqualTo("on-demand");
        assertThat(TestServer.logTail(r)).contains("Init Duration");
      }
    }
    assertThat(provisioned).isEqualTo(2);
    assertThat(onDemand).isEqualTo(1);

    // CloudWatch counts them as AWS does: 3 served by provisioned environments, 1 spilled over
    assertThat(metricSum(fn, "ProvisionedConcurrencyInvocations")).isEqualTo(3);
    assertThat(metricSum(fn, "ProvisionedConcurrencySpilloverInvocations")).isEqualTo(1);
    assertThat(metricMaximum(fn, "ProvisionedConcurrencyUtilization")).isEqualTo(1.0);

    JsonNode list =
        aws.ok("lambda", "list-provisioned-concurrency-configs", "--function-name", fn)
            .get("ProvisionedConcurrencyConfigs");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("FunctionArn").asText())
        .isEqualTo(TestServer.functionArn(fn) + ":live");

    // kept across a restart, and provisioned again
    Path data = server.dataDir();
    server.close();
    server = TestServer.start(data);
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    assertThat(awaitReady(fn, "live").get("Status").asText()).isEqualTo("READY");
    assertThat(TestServer.logTail(invoke(fn + ":live", "{}"))).doesNotContain("Init Duration");

    aws.ok(
        "lambda",
        "delete-provisioned-concurrency-config",
        "--function-name",
        fn,
        "--qualifier",
        "live");
    assertThat(
            aws.fails(
                "lambda",
                "get-provisioned-concurrency-config",
                "--function-name",
                fn,
                "--qualifier",
                "live"))
        .contains("ProvisionedConcurrencyConfigNotFoundException")
        .contains("No Provisioned Concurrency Config found for this function");
    assertThat(
            aws.ok("lambda", "list-provisioned-concurrency-configs", "--function-name", fn)
                .get("ProvisionedConcurrencyConfigs"))
        .isEmpty();
  }

  @Test
  void aWeightedAliasSplitsItsEnvironmentsBetweenItsTwoVersions() throws Exception {
    String fn = "pc-canary";
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            fn,
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "provisioned"),
            "--publish");
    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        fn,
        "--description",
        "second");
    assertThat(aws.ok("lambda", "publish-version", "--function-name", fn).get("Version").asText())
        .isEqualTo("2");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        fn,
        "--name",
        "canary",
        "--function-version",
        "1",
        "--routing-config",
        "{\"AdditionalVersionWeights\":{\"2\":0.5}}");
    aws.ok(
        "lambda",
        "put-provisioned-concurrency-config",
        "--function-name",
        fn,
        "--qualifier",
        "canary",
        "--provisioned-concurrent-executions",
        "2");
    JsonNode ready = awaitReady(fn, "canary");
    assertThat(ready.get("Status").asText()).isEqualTo("READY");
    assertThat(ready.get("AllocatedProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
    // one environment of each version was initialized ahead: both answer warm
    for (String version : new String[] {"1", "2"}) {
      InvokeResponse r = invoke(fn + ":" + version, "{}");
      assertThat(r.executedVersion()).isEqualTo(version);
      assertThat(TestServer.logTail(r)).contains("REPORT").doesNotContain("Init Duration");
    }
  }

  /** A statistic of {@code metric} for the function over the last ten minutes, via the CLI. */
  private static double statistic(String fn, String metric, String statistic) throws Exception {
    java.time.Instant now = java.time.Instant.now();
    double value = -1;
    for (int i = 0; i < 50; i++) { // metrics are recorded off the reply path
      JsonNode points =
          aws.ok(
                  "cloudwatch",
                  "get-metric-statistics",
                  "--namespace",
                  "AWS/Lambda",
                  "--metric-name",
                  metric,
                  "--dimensions",
                  "Name=FunctionName,Value=" + fn,
                  "--start-time",
                  now.minusSeconds(600).toString(),
                  "--end-time",
                  now.plusSeconds(120).toString(),
                  "--period",
                  "3600",
                  "--statistics",
                  statistic)
              .get("Datapoints");
      value = 0;
      for (JsonNode p : points) {
        value += p.get(statistic).asDouble();
      }
      if (value > 0) {
        return value;
      }
      Thread.sleep(100);
    }
    return value;
  }

  private static double metricSum(String fn, String metric) throws Exception {
    return statistic(fn, metric, "Sum");
  }

  private static double metricMaximum(String fn, String metric) throws Exception {
    return statistic(fn, metric, "Maximum");
  }

  @Test
  void awsErrorsForLatestReservedConcurrencyAndUnknownVersions() {
    String fn = "pc-errors";
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            fn,
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "provisioned"),
            "--publish");
    assertThat(
            aws.fails(
                "lambda",
                "put-provisioned-concurrency-config",
                "--function-name",
                fn,
                "--qualifier",
                "$LATEST",
                "--provisioned-concurrent-executions",
                "1"))
        .contains("InvalidParameterValueException")
        .contains("The function resource provided must be an alias or a published version.");
    assertThat(
            aws.fails(
                "lambda",
                "put-provisioned-concurrency-config",
                "--function-name",
                fn,
                "--qualifier",
                "7",
                "--provisioned-concurrent-executions",
                "1"))
        .contains("ResourceNotFoundException")
        .contains("Function not found: " + TestServer.functionArn(fn) + ":7");
    // the CLI refuses 0 itself; what a client without that check gets:
    var zero =
        server.send(
            "PUT",
            "/2019-09-30/functions/" + fn + "/provisioned-concurrency?Qualifier=1",
            "{\"ProvisionedConcurrentExecutions\":0}".getBytes(),
            "Content-Type",
            "application/json");
    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    aws.ok(
        "lambda",
        "put-function-concurrency",
        "--function-name",
        fn,
        "--reserved-concurrent-executions",
        "1");
    assertThat(
            aws.fails(
                "lambda",
                "put-provisioned-concurrency-config",
                "--function-name",
                fn,
                "--qualifier",
                "1",
                "--provisioned-concurrent-executions",
                "2"))
        .contains("InvalidParameterValueException")
        .contains("should not be greater than the reservedConcurrentExecution");
    // deleting the function deletes its configurations
    aws.ok(
        "lambda",
        "put-provisioned-concurrency-config",
        "--function-name",
        fn,
        "--qualifier",
        "1",
        "--provisioned-concurrent-executions",
        "1");
    aws.ok("lambda", "delete-function", "--function-name", fn);
    assertThat(server.server().pool().counts(fn).live()).isZero();
  }
}
