package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outlet deploy} of a template whose Python function (its handler as AWS's docs write one)
 * has a {@code DeadLetterQueue} and an {@code EventInvokeConfig} sending failures to another queue,
 * both queues of the template; checked through the AWS CLI at /usr/bin/aws: the function's
 * configuration and event invoke config, a second deploy that changes nothing, a failing
 * asynchronous invocation whose record reaches the destination and whose event reaches the
 * dead-letter queue, and both removed from the template.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamAsyncDeployTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "async-app-Worker";
  private static final String ARN = "arn:aws:sqs:us-east-1:" + TestServer.ACCOUNT + ":";
  private static final String TEMPLATE =
      """
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Worker:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: async-app-Worker
            CodeUri: worker/
            Handler: app.lambda_handler
            Runtime: python3.11
            Timeout: 5
            DeadLetterQueue:
              Type: SQS
              TargetArn: !GetAtt WorkerDlq.Arn
            EventInvokeConfig:
              MaximumRetryAttempts: 0
              DestinationConfig:
                OnFailure:
                  Type: SQS
                  Destination: !GetAtt Failures.Arn
        WorkerDlq:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: async-app-dlq
        Failures:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: async-app-failures
      """;
  private static final String HANDLER =
      """
      import json


      def lambda_handler(event, context):
          if event.get('fail'):
              raise ValueError(f"order {event['id']} cannot be processed")
          print(json.dumps(event))
          return {"statusCode": 200}
      """;

  @TempDir static Path root;
  private static SamApp app;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    app = SamApp.start(root, "async-app", "worker", HANDLER, TEMPLATE);
    server = app.server;
    aws = app.aws;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static Result deploy() {
    return app.deploy();
  }

  private static String url(String name) {
    return aws.ok("sqs", "get-queue-url", "--queue-name", name).get("QueueUrl").asText();
  }

  /** The body of the one message {@code queue} receives within 40 seconds. */
  private static JsonNode receive(String queue) {
    JsonNode[] got = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode m =
                  aws.ok(
                          "sqs",
                          "receive-message",
                          "--queue-url",
                          url(queue),
                          "--wait-time-seconds",
                          "1")
                      .path("Messages");
              assertThat(m).as("messages in " + queue).hasSize(1);
              got[0] = JSON.readTree(m.get(0).path("Body").asText());
            });
    return got[0];
  }

  @Test
  @Order(1)
  void deploysTheDeadLetterQueueAndTheEventInvokeConfigThenChangesNothing() {
    Result first = deploy();
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("  + queue async-app-dlq\n")
        .contains("  + queue async-app-failures\n")
        .contains("  + function " + FN + " (create)\n")
        .contains("  + event invoke config " + FN + "\n");

    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", FN)
                .at("/DeadLetterConfig/TargetArn")
                .asText())
        .isEqualTo(ARN + "async-app-dlq");
    JsonNode config = aws.ok("lambda", "get-function-event-invoke-config", "--function-name", FN);
    assertThat(config.path("MaximumRetryAttempts").asInt()).isZero();
    assertThat(config.at("/DestinationConfig/OnFailure/Destination").asText())
        .isEqualTo(ARN + "async-app-failures");

    Result second = deploy();
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out())
        .isEqualTo("No changes: stack async-app is up to date (1 function, 2 queues).\n");
  }

  @Test
  @Order(2)
  void aFailedAsynchronousInvocationReachesTheDestinationAndTheDeadLetterQueue() {
    assertThat(deploy().status()).isZero();
    JsonNode r =
        aws.ok(
            "lambda",
            "invoke",
            "--function-name",
            FN,
            "--invocation-type",
            "Event",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"fail\":true,\"id\":\"A-17\"}",
            root.resolve("out.json").toString());
    assertThat(r.get("StatusCode").asInt()).isEqualTo(202);

    JsonNode record = receive("async-app-failures");
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(record.at("/requestContext/functionArn").asText()).contains(":function:" + FN);
    assertThat(record.at("/requestPayload/id").asText()).isEqualTo("A-17");
    assertThat(record.at("/responsePayload/errorMessage").asText())
        .isEqualTo("order A-17 cannot be processed");

    assertThat(receive("async-app-dlq").path("id").asText()).isEqualTo("A-17");
  }

  @Test
  @Order(3)
  void bothRemovedFromTheTemplateAreRemovedFromTheFunction() throws Exception {
    assertThat(deploy().status()).isZero();
    Path template = app.template();
    int from = TEMPLATE.indexOf("      DeadLetterQueue:");
    int to = TEMPLATE.indexOf("  WorkerDlq:");
    Files.writeString(template, TEMPLATE.substring(0, from) + TEMPLATE.substring(to));
    Result removed = deploy();
    assertThat(removed.status()).as(removed.err()).isZero();
    assertThat(removed.out())
        .contains("  ~ function " + FN + ": DeadLetterConfig removed\n")
        .contains("  - event invoke config " + FN + "\n");
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", FN)
                .path("DeadLetterConfig")
                .path("TargetArn")
                .asText(""))
        .isEmpty();
    assertThat(aws.fails("lambda", "get-function-event-invoke-config", "--function-name", FN))
        .contains("ResourceNotFoundException");
    assertThat(deploy().out()).startsWith("No changes");
    Files.writeString(template, TEMPLATE);
  }
}
