package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.PrintedJson;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destinations of asynchronous invocations through {@code /usr/bin/aws}, with Python functions
 * written as AWS's documentation writes them: a success goes to another function with AWS's
 * invocation record, a failure to an EventBridge bus whose rule hands it to a function, and an
 * alias's event invoke configuration (no retries, its own destination) applies to the events
 * invoked through it. Retries keep their default delays (a minute, then two): a test that waited
 * for them would time out, so each record arriving at once proves which configuration applied.
 */
class DestinationsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  private static final String WORKER =
      """
      def lambda_handler(event, context):
          if event.get("fail"):
              raise ValueError("cannot do " + str(event.get("n")))
          return {"done": event["n"]}
      """;

  private static final String RECORDER =
      """
      import json

      def lambda_handler(event, context):
          print("RECORD " + json.dumps(event, sort_keys=True))
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() throws IOException {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    create("worker", WORKER);
    create("on-success", RECORDER);
    create("on-failure", RECORDER);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void create(String name, String handler) throws IOException {
    Path src = Files.createDirectories(root.resolve("src-" + name));
    Files.writeString(src.resolve("lambda_function.py"), handler);
    new CliFunctions(aws, root.resolve("zips"))
        .create(name, "python3.11", "lambda_function.lambda_handler", FunctionFolders.zip(src));
  }

  private static void invokeEvent(String function, String payload) {
    JsonNode r =
        aws.ok(
            "lambda",
            "invoke",
            "--function-name",
            function,
            "--invocation-type",
            "Event",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            payload,
            root.resolve("out.json").toString());
    assertThat(r.get("StatusCode").asInt()).isEqualTo(202);
  }

  private static List<JsonNode> records(String function, int count) {
    return PrintedJson.await(aws, function, "RECORD ", count, Duration.ofSeconds(40));
  }

  @Test
  void successGoesToAFunctionAndFailureToAnEventBusAndAnAliasHasItsOwn() throws Exception {
    assertThat(
            aws.fails(
                "lambda",
                "put-function-event-invoke-config",
                "--function-name",
                "worker",
                "--destination-config",
                "OnSuccess={Destination=arn:aws:nowhere:us-east-1:000000000000:x}"))
        .contains("InvalidParameterValueException")
        .contains("The destination ARN arn:aws:nowhere:us-east-1:000000000000:x is invalid.");

    aws.ok(
        "lambda",
        "put-function-event-invoke-config",
        "--function-name",
        "worker",
        "--maximum-retry-attempts",
        "0",
        "--destination-config",
        "OnSuccess={Destination="
            + ARN
            + "on-success},OnFailure={Destination=arn:aws:events:us-east-1:000000000000:"
            + "event-bus/default}");
    aws.ok(
        "events",
        "put-rule",
        "--name",
        "failures",
        "--event-pattern",
        "{\"source\":[\"lambda\"],"
            + "\"detail-type\":[\"Lambda Function Invocation Result - Failure\"]}");
    aws.ok(
        "events",
        "put-targets",
        "--rule",
        "failures",
        "--targets",
        "Id=1,Arn=" + ARN + "on-failure");

    invokeEvent("worker", "{\"n\":1}");
    JsonNode success = records("on-success", 1).get(0);
    assertThat(success.get("version").asText()).isEqualTo("1.0");
    assertThat(success.at("/requestContext/condition").asText()).isEqualTo("Success");
    assertThat(success.at("/requestContext/functionArn").asText())
        .isEqualTo(ARN + "worker:$LATEST");
    assertThat(success.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(success.at("/requestContext/requestId").asText()).isNotBlank();
    assertThat(success.get("requestPayload").toString()).isEqualTo("{\"n\":1}");
    assertThat(success.at("/responseContext/statusCode").asInt()).isEqualTo(200);
    assertThat(success.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
    assertThat(success.has("functionError")).isFalse();
    assertThat(success.get("responsePayload").toString()).isEqualTo("{\"done\":1}");

    invokeEvent("worker", "{\"n\":2,\"fail\":true}");
    JsonNode failure = records("on-failure", 1).get(0);
    assertThat(failure.get("source").asText()).isEqualTo("lambda");
    assertThat(failure.get("detail-type").asText())
        .isEqualTo("Lambda Function Invocation Result - Failure");
    JsonNode detail = failure.get("detail");
    assertThat(detail.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(detail.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(detail.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(detail.at("/responsePayload/errorType").asText()).isEqualTo("ValueError");
    assertThat(detail.at("/responsePayload/errorMessage").asText()).isEqualTo("cannot do 2");

    // an alias's configuration applies to what is invoked through it
    aws.ok("lambda", "publish-version", "--function-name", "worker");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        "worker",
        "--name",
        "live",
        "--function-version",
        "1");
    aws.ok("lambda", "delete-function-event-invoke-config", "--function-name", "worker");
    aws.ok(
        "lambda",
        "put-function-event-invoke-config",
        "--function-name",
        "worker",
        "--qualifier",
        "live",
        "--maximum-retry-attempts",
        "0",
        "--destination-config",
        "OnFailure={Destination=" + ARN + "on-success}");
    invokeEvent("worker:live", "{\"n\":3,\"fail\":true}");
    List<JsonNode> both = records("on-success", 2);
    JsonNode viaAlias = both.get(1);
    assertThat(viaAlias.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(viaAlias.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "worker:1");
    assertThat(viaAlias.at("/responseContext/executedVersion").asText()).isEqualTo("1");
    assertThat(viaAlias.get("requestPayload")).isEqualTo(JSON.readTree("{\"n\":3,\"fail\":true}"));
  }

  @Test
  void aFailedEventGoesToTheFunctionsDeadLetterQueueWithAwsAttributes() throws Exception {
    String url = aws.ok("sqs", "create-queue", "--queue-name", "dead").get("QueueUrl").asText();
    String queue = "arn:aws:sqs:us-east-1:000000000000:dead";
    create("failing", WORKER);
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "failing",
                "--dead-letter-config",
                "TargetArn=arn:aws:s3:::bucket"))
        .contains("InvalidParameterValueException");
    assertThat(
            aws.fails(
                "lambda",
                "update-function-configuration",
                "--function-name",
                "failing",
                "--dead-letter-config",
                "TargetArn=arn:aws:sqs:us-east-1:000000000000:no-such-queue"))
        .contains("InvalidParameterValueException")
        .contains("the queue does not exist");
    assertThat(
            aws.fails(
                "lambda",
                "put-function-event-invoke-config",
                "--function-name",
                "failing",
                "--destination-config",
                "OnFailure={Destination=arn:aws:sqs:us-east-1:000000000000:no-such-queue}"))
        .contains("InvalidParameterValueException")
        .contains(
            "The destination ARN arn:aws:sqs:us-east-1:000000000000:no-such-queue is invalid: the"
                + " queue does not exist.");
    assertThat(
            aws.fails(
                "lambda",
                "put-function-event-invoke-config",
                "--function-name",
                "failing",
                "--destination-config",
                "OnSuccess={Destination=arn:aws:sqs:us-east-1:000000000000:jobs.fifo}"))
        .contains("InvalidParameterValueException")
        .contains("a FIFO queue cannot be a destination");
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", "failing")
                .has("DeadLetterConfig"))
        .as("a refused update leaves nothing half-written")
        .isFalse();
    JsonNode updated =
        aws.ok(
            "lambda",
            "update-function-configuration",
            "--function-name",
            "failing",
            "--dead-letter-config",
            "TargetArn=" + queue);
    assertThat(updated.at("/DeadLetterConfig/TargetArn").asText()).isEqualTo(queue);
    aws.ok(
        "lambda",
        "put-function-event-invoke-config",
        "--function-name",
        "failing",
        "--maximum-retry-attempts",
        "0");
    invokeEvent("failing", "{\"n\":9,\"fail\":true}");
    JsonNode got =
        aws.ok(
            "sqs",
            "receive-message",
            "--queue-url",
            url,
            "--wait-time-seconds",
            "20",
            "--message-attribute-names",
            "All");
    assertThat(got.path("Messages")).as(got.toString()).hasSize(1);
    JsonNode m = got.get("Messages").get(0);
    assertThat(JSON.readTree(m.get("Body").asText()))
        .isEqualTo(JSON.readTree("{\"n\":9,\"fail\":true}"));
    JsonNode attributes = m.get("MessageAttributes");
    assertThat(attributes.at("/RequestID/StringValue").asText()).isNotBlank();
    assertThat(attributes.at("/ErrorCode/DataType").asText()).isEqualTo("Number");
    assertThat(attributes.at("/ErrorCode/StringValue").asText()).isEqualTo("200");
    assertThat(attributes.at("/ErrorMessage/StringValue").asText()).isEqualTo("cannot do 9");
  }
}
