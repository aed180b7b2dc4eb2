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
 * {@code outlet deploy} of a template with a Python SQS consumer (its handler as AWS's docs write
 * one), a queue with a dead-letter queue and an {@code SQS} event, checked through the AWS CLI at
 * /usr/bin/aws: the queues' attributes and tags, the event source mapping's settings, a second
 * deploy that changes nothing, a message sent with {@code aws sqs send-message} that the function
 * logs, and a changed then removed event. The mapping tests are skipped, with the reason, on a
 * server that does not serve event source mappings (ListEventSourceMappings answers 404).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamSqsDeployTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "sqs-app-Consumer";
  private static final String DLQ = "sqs-app-orders-dlq";
  private static final String TEMPLATE =
      """
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Consumer:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: sqs-app-Consumer
            CodeUri: consumer/
            Handler: app.lambda_handler
            Runtime: python3.11
            Timeout: 5
            Environment:
              Variables:
                QUEUE_URL: !Ref Orders
                QUEUE_NAME: !GetAtt Orders.QueueName
                DLQ_ARN: !GetAtt OrdersDlq.Arn
            Events:
              NewOrder:
                Type: SQS
                Properties:
                  Queue: !GetAtt Orders.Arn
                  BatchSize: 5
                  MaximumBatchingWindowInSeconds: 1
                  FunctionResponseTypes: [ReportBatchItemFailures]
                  FilterCriteria:
                    Filters:
                      - Pattern:
                          body:
                            kind: [order]
                  ScalingConfig:
                    MaximumConcurrency: 2
        Orders:
          Type: AWS::SQS::Queue
          Properties:
            VisibilityTimeout: 20
            ReceiveMessageWaitTimeSeconds: 2
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt OrdersDlq.Arn
              maxReceiveCount: 2
            Tags:
              - {Key: app, Value: orders}
        OrdersDlq:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: sqs-app-orders-dlq
            MessageRetentionPeriod: 1209600
      """;
  private static final String HANDLER =
      """
      import json


      def lambda_handler(event, context):
          for record in event['Records']:
              process_message(record)
          print("done")
          return {"batchItemFailures": []}


      def process_message(record):
          order = json.loads(record['body'])
          print(f"Processed order {order['id']} from {record['eventSourceARN']}")
      """;

  @TempDir static Path root;
  private static SamApp app;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    app = SamApp.start(root, "sqs-app", "consumer", HANDLER, TEMPLATE);
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

  private static String ordersName() {
    for (JsonNode u :
        aws.ok("sqs", "list-queues", "--queue-name-prefix", "sqs-app-Orders-").path("QueueUrls")) {
      return u.asText().substring(u.asText().lastIndexOf('/') + 1);
    }
    throw new AssertionError("no sqs-app-Orders-* queue");
  }

  private static JsonNode mappings() {
    return aws.ok("lambda", "list-event-source-mappings", "--function-name", FN)
        .path("EventSourceMappings");
  }

  @Test
  @Order(1)
  void deploysTheQueuesWithTheTemplatesSettingsThenChangesNothing() throws Exception {
    Result first = deploy();
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("  + queue " + DLQ + "\n")
        .containsPattern("  \\+ queue sqs-app-Orders-[A-Z0-9]{12}\n")
        .contains("  + function " + FN + " (create)\n");
    assertThat(first.out().indexOf("+ queue " + DLQ))
        .as("the dead-letter queue is created first")
        .isLessThan(first.out().indexOf("+ queue sqs-app-Orders-"));
    assertThat(first.out()).contains("  + sqs mapping " + ordersName() + " → " + FN + "\n");

    String orders = ordersName();
    JsonNode a =
        aws.ok(
                "sqs",
                "get-queue-attributes",
                "--queue-url",
                url(orders),
                "--attribute-names",
                "All")
            .path("Attributes");
    assertThat(a.path("VisibilityTimeout").asText()).isEqualTo("20");
    assertThat(a.path("ReceiveMessageWaitTimeSeconds").asText()).isEqualTo("2");
    JsonNode redrive = JSON.readTree(a.path("RedrivePolicy").asText());
    assertThat(redrive.path("deadLetterTargetArn").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:" + TestServer.ACCOUNT + ":" + DLQ);
    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(2);
    assertThat(aws.ok("sqs", "list-queue-tags", "--queue-url", url(orders)).path("Tags").toString())
        .isEqualTo("{\"app\":\"orders\"}");
    assertThat(
            aws.ok(
                    "sqs",
                    "get-queue-attributes",
                    "--queue-url",
                    url(DLQ),
                    "--attribute-names",
                    "MessageRetentionPeriod")
                .at("/Attributes/MessageRetentionPeriod")
                .asText())
        .isEqualTo("1209600");
    JsonNode env =
        aws.ok("lambda", "get-function-configuration", "--function-name", FN)
            .at("/Environment/Variables");
    assertThat(env.path("QUEUE_URL").asText()).isEqualTo(url(orders));
    assertThat(env.path("QUEUE_NAME").asText()).isEqualTo(orders);
    assertThat(env.path("DLQ_ARN").asText()).endsWith(":" + DLQ);

    Result second = deploy();
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out())
        .isEqualTo("No changes: stack sqs-app is up to date (1 function, 2 queues).\n");
    assertThat(ordersName()).as("the derived name is stable").isEqualTo(orders);
  }

  @Test
  @Order(2)
  void theEventSourceMappingHasTheTemplatesSettings() throws Exception {
    assertThat(deploy().status()).isZero();
    JsonNode all = mappings();
    assertThat(all).hasSize(1);
    JsonNode m = all.get(0);
    assertThat(m.path("EventSourceArn").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:" + TestServer.ACCOUNT + ":" + ordersName());
    assertThat(m.path("FunctionArn").asText()).endsWith(":function:" + FN);
    assertThat(m.path("BatchSize").asInt()).isEqualTo(5);
    assertThat(m.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(1);
    assertThat(m.path("FunctionResponseTypes").toString())
        .isEqualTo("[\"ReportBatchItemFailures\"]");
    assertThat(m.at("/ScalingConfig/MaximumConcurrency").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(m.at("/FilterCriteria/Filters/0/Pattern").asText()).toString())
        .isEqualTo("{\"body\":{\"kind\":[\"order\"]}}");
    assertThat(m.path("State").asText()).isIn("Creating", "Enabling", "Enabled");
  }

  @Test
  @Order(3)
  void aMessageSentWithTheCliRunsTheFunction() {
    assertThat(deploy().status()).isZero();
    aws.ok(
        "sqs",
        "send-message",
        "--queue-url",
        url(ordersName()),
        "--message-body",
        "{\"kind\":\"order\",\"id\":\"A-17\"}");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(
                        aws.run(
                                "logs",
                                "filter-log-events",
                                "--log-group-name",
                                "/aws/lambda/" + FN)
                            .out())
                    .contains("Processed order A-17 from arn:aws:sqs:us-east-1:"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        aws.ok(
                                "sqs",
                                "get-queue-attributes",
                                "--queue-url",
                                url(ordersName()),
                                "--attribute-names",
                                "All")
                            .at("/Attributes/ApproximateNumberOfMessagesNotVisible")
                            .asText())
                    .as("the processed message is deleted")
                    .isEqualTo("0"));
  }

  @Test
  @Order(4)
  void aChangedEventIsUpdatedAndARemovedOneDeleted() throws Exception {
    assertThat(deploy().status()).isZero();
    Path template = app.template();
    Files.writeString(template, TEMPLATE.replace("BatchSize: 5", "BatchSize: 7"));
    Result changed = deploy();
    assertThat(changed.out())
        .contains("  ~ sqs mapping " + ordersName() + " → " + FN + ": BatchSize 5 → 7\n");
    assertThat(mappings().get(0).path("BatchSize").asInt()).isEqualTo(7);
    assertThat(deploy().out()).startsWith("No changes");

    int events = TEMPLATE.indexOf("      Events:");
    int queues = TEMPLATE.indexOf("  Orders:\n");
    Files.writeString(template, TEMPLATE.substring(0, events) + TEMPLATE.substring(queues));
    Result removed = deploy();
    assertThat(removed.out()).contains("  - sqs mapping " + ordersName() + " → " + FN + "\n");
    assertThat(mappings()).isEmpty();
    Files.writeString(template, TEMPLATE);
  }
}
