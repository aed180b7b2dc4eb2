package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Event source mappings for SQS through {@code /usr/bin/aws lambda}, with consumers written as
 * AWS's documentation writes them in Python, and messages sent and read back with the SDK v2 {@code
 * SqsClient}: the operations and their errors, the SQS event as Lambda sends it, filters, and a
 * thousand messages with partial batch failures (every success processed exactly once, every
 * failure in the dead-letter queue with its attributes).
 */
class EventSourceMappingCliTest {
  private static final String ACCOUNT = TestServer.ACCOUNT;
  private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":";

  /** AWS's "reporting batch item failures" example, its processing a print and a failure. */
  private static final String CONSUMER =
      """
      import json

      def lambda_handler(event, context):
          if event:
              batch_item_failures = []
              sqs_batch_response = {}
              done = []
              for record in event["Records"]:
                  try:
                      body = json.loads(record["body"])
                      if body.get("fail"):
                          raise ValueError("cannot process " + str(body["n"]))
                      done.append(body["n"])
                  except Exception as e:
                      batch_item_failures.append({"itemIdentifier": record["messageId"]})
              print("DONE " + json.dumps(done))
              sqs_batch_response["batchItemFailures"] = batch_item_failures
              return sqs_batch_response
      """;

  /** Prints the event it receives. */
  private static final String RECORDER =
      """
      import json

      def lambda_handler(event, context):
          print("EVENT " + json.dumps(event))
      """;

  /** Holds each batch half a second and prints when it ran. */
  private static final String SLOW =
      """
      import json
      import time

      def lambda_handler(event, context):
          start = time.time()
          time.sleep(0.5)
          print("SPAN " + json.dumps([start, time.time(), len(event["Records"])]))
      """;

  /** Prints each record's group and body in the order it got them. */
  private static final String SEQUENCER =
      """
      import json

      def lambda_handler(event, context):
          for record in event["Records"]:
              print("SEQ " + json.dumps([record["attributes"]["MessageGroupId"], record["body"]]))
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static SqsClient sqs;

  @BeforeAll
  static void start() throws IOException {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    sqs = dev.outlet.server.testkit.SqsClients.of(server.endpoint());
    create("consumer", CONSUMER);
    create("recorder", RECORDER);
    create("slow", SLOW);
    create("watcher", RECORDER);
    create("sequencer", SEQUENCER);
  }

  @AfterAll
  static void stop() {
    if (sqs != null) {
      sqs.close();
    }
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

  /** What the CLI printed when it could not create the mapping of {@code queueArn}. */
  private static String createFails(String function, String queueArn, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                function,
                "--event-source-arn",
                queueArn));
    args.addAll(List.of(more));
    return aws.fails(args.toArray(String[]::new));
  }

  private static String queue(String name, String... attributes) {
    List<String> args = new ArrayList<>(List.of("sqs", "create-queue", "--queue-name", name));
    if (attributes.length > 0) {
      args.add("--attributes");
      args.add(String.join(",", attributes));
    }
    return aws.ok(args.toArray(String[]::new)).get("QueueUrl").asText();
  }

  @Test
  void operationsAnswerAsLambdaDoesWithItsErrors() {
    queue("jobs");
    assertThat(createFails("consumer", QUEUE_ARN + "nowhere"))
        .contains("InvalidParameterValueException")
        .contains("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(createFails("missing", QUEUE_ARN + "jobs"))
        .contains("ResourceNotFoundException")
        .contains("Function does not exist");
    assertThat(createFails("consumer", QUEUE_ARN + "jobs", "--batch-size", "100"))
        .contains("InvalidParameterValueException")
        .contains(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is"
                + " greater than 10");
    // the CLI checks this range itself; the SDK leaves it to the service
    assertThatThrownBy(
            () ->
                server
                    .lambda()
                    .createEventSourceMapping(
                        b ->
                            b.functionName("consumer")
                                .eventSourceArn(QUEUE_ARN + "jobs")
                                .scalingConfig(c -> c.maximumConcurrency(1))))
        .isInstanceOfSatisfying(
            software.amazon.awssdk.services.lambda.model.LambdaException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageContaining(
            "Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member"
                + " must have value greater than or equal to 2");
    assertThat(
            aws.fails(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                "consumer",
                "--event-source-arn",
                QUEUE_ARN + "jobs",
                "--filter-criteria",
                "{\"Filters\":[{\"Pattern\":\"{\\\"body\\\": 5}\"}]}"))
        .contains("InvalidParameterValueException")
        .contains("Invalid filter pattern definition.");
    queue("short", "VisibilityTimeout=1");
    assertThat(createFails("consumer", QUEUE_ARN + "short"))
        .contains("InvalidParameterValueException")
        .contains("Queue visibility timeout: 1 seconds is less than Function timeout: 3 seconds");

    JsonNode created =
        aws.ok(
            "lambda",
            "create-event-source-mapping",
            "--function-name",
            "consumer",
            "--event-source-arn",
            QUEUE_ARN + "jobs",
            "--batch-size",
            "50",
            "--maximum-batching-window-in-seconds",
            "2",
            "--function-response-types",
            "ReportBatchItemFailures",
            "--scaling-config",
            "MaximumConcurrency=5");
    String uuid = created.get("UUID").asText();
    assertThat(created.get("State").asText()).isEqualTo("Creating");
    assertThat(created.get("StateTransitionReason").asText()).isEqualTo("USER_INITIATED");
    assertThat(created.get("FunctionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:consumer");
    assertThat(created.get("BatchSize").asInt()).isEqualTo(50);
    assertThat(created.get("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(2);
    assertThat(created.get("FunctionResponseTypes").get(0).asText())
        .isEqualTo("ReportBatchItemFailures");
    assertThat(created.at("/ScalingConfig/MaximumConcurrency").asInt()).isEqualTo(5);
    // the CLI 2.9 predates this member; SDK v2 reads it
    assertThat(server.lambda().getEventSourceMapping(b -> b.uuid(uuid)).eventSourceMappingArn())
        .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":event-source-mapping:" + uuid);

    JsonNode got = aws.ok("lambda", "get-event-source-mapping", "--uuid", uuid);
    assertThat(got.get("State").asText()).isEqualTo("Enabled");
    assertThat(got.get("EventSourceArn").asText()).isEqualTo(QUEUE_ARN + "jobs");

    assertThat(createFails("consumer", QUEUE_ARN + "jobs"))
        .contains("ResourceConflictException")
        .contains("Please update or delete the existing mapping with UUID " + uuid);

    JsonNode disabled =
        aws.ok(
            "lambda",
            "update-event-source-mapping",
            "--uuid",
            uuid,
            "--no-enabled",
            "--batch-size",
            "20");
    assertThat(disabled.get("State").asText()).isEqualTo("Disabling");
    assertThat(disabled.get("BatchSize").asInt()).isEqualTo(20);
    assertThat(disabled.get("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(2);
    assertThat(aws.ok("lambda", "get-event-source-mapping", "--uuid", uuid).get("State").asText())
        .isEqualTo("Disabled");

    JsonNode listed =
        aws.ok(
            "lambda",
            "list-event-source-mappings",
            "--function-name",
            "consumer",
            "--event-source-arn",
            QUEUE_ARN + "jobs");
    assertThat(listed.get("EventSourceMappings")).hasSize(1);
    assertThat(listed.at("/EventSourceMappings/0/UUID").asText()).isEqualTo(uuid);
    assertThat(
            aws.ok(
                    "lambda",
                    "list-event-source-mappings",
                    "--event-source-arn",
                    QUEUE_ARN + "short")
                .get("EventSourceMappings"))
        .isEmpty();

    assertThat(
            aws.ok("lambda", "delete-event-source-mapping", "--uuid", uuid).get("State").asText())
        .isEqualTo("Deleting");
    assertThat(aws.fails("lambda", "get-event-source-mapping", "--uuid", uuid))
        .contains("ResourceNotFoundException")
        .contains("The resource you requested does not exist.");
  }

  @Test
  void theFunctionReceivesLambdasSqsEventAndFiltersDropWhatTheyLeaveOut() throws Exception {
    String url = queue("events");
    String uuid =
        aws.ok(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                "recorder",
                "--event-source-arn",
                QUEUE_ARN + "events",
                "--filter-criteria",
                "{\"Filters\":[{\"Pattern\":\"{\\\"body\\\":{\\\"kind\\\":[\\\"order\\\"]}}\"}]}")
            .get("UUID")
            .asText();
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "{\"kind\":\"noise\"}");
    aws.ok(
        "sqs",
        "send-message",
        "--queue-url",
        url,
        "--message-body",
        "{\"kind\":\"order\",\"id\":7}",
        "--message-attributes",
        "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"}}");
    List<JsonNode> events =
        dev.outlet.server.testkit.PrintedJson.await(
            aws, "recorder", "EVENT ", 1, Duration.ofSeconds(30));
    assertThat(events).hasSize(1);
    JsonNode records = events.get(0).get("Records");
    assertThat(records).hasSize(1);
    JsonNode r = records.get(0);
    assertThat(r.get("body").asText()).isEqualTo("{\"kind\":\"order\",\"id\":7}");
    assertThat(r.get("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(r.get("eventSourceARN").asText()).isEqualTo(QUEUE_ARN + "events");
    assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(r.get("receiptHandle").asText()).isNotEmpty();
    assertThat(r.get("md5OfBody").asText()).isEqualTo(md5Hex("{\"kind\":\"order\",\"id\":7}"));
    assertThat(r.at("/attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(r.at("/attributes/SentTimestamp").asText()).matches("\\d{13}");
    assertThat(r.at("/attributes/ApproximateFirstReceiveTimestamp").asText()).matches("\\d{13}");
    assertThat(r.at("/attributes/SenderId").asText()).isNotEmpty();
    assertThat(r.at("/messageAttributes/color/stringValue").asText()).isEqualTo("blue");
    assertThat(r.at("/messageAttributes/color/dataType").asText()).isEqualTo("String");
    assertThat(r.at("/messageAttributes/color/stringListValues")).isEmpty();
    assertThat(r.get("md5OfMessageAttributes").asText()).hasSize(32);
    // the filtered-out message was deleted, the delivered one too once the function returned
    awaitEmpty(url);
    aws.ok("lambda", "delete-event-source-mapping", "--uuid", uuid);
  }

  @Test
  void aThousandMessagesWithPartialBatchFailuresEachSuccessOnceEachFailureInTheDlq()
      throws Exception {
    String dlqUrl = queue("orders-dlq");
    String url =
        queue(
            "orders",
            "VisibilityTimeout=3",
            "RedrivePolicy='{\"deadLetterTargetArn\":\""
                + QUEUE_ARN
                + "orders-dlq\",\"maxReceiveCount\":\"2\"}'");
    aws.ok(
        "lambda",
        "create-event-source-mapping",
        "--function-name",
        "consumer",
        "--event-source-arn",
        QUEUE_ARN + "orders",
        "--batch-size",
        "10",
        "--function-response-types",
        "ReportBatchItemFailures",
        // a three-second visibility timeout is far below AWS's advice (six times the function's
        // timeout): with a hundred pollers cold-starting Python at once on a busy 2-core machine, a
        // batch can outlive it twice and reach the dead-letter queue, as it would on AWS. Two
        // pollers keep every batch well inside it; scaling has its own test below.
        "--scaling-config",
        "MaximumConcurrency=2");
    for (int start = 0; start < 1000; start += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int n = start; n < start + 10; n++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id("m" + n)
                .messageBody("{\"n\":" + n + (n % 10 == 7 ? ",\"fail\":true" : "") + "}")
                .messageAttributes(
                    Map.of(
                        "n",
                        MessageAttributeValue.builder()
                            .dataType("Number")
                            .stringValue(Integer.toString(n))
                            .build()))
                .build());
      }
      assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).failed()).isEmpty();
    }

    Map<Integer, Message> dead = new HashMap<>();
    long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (dead.size() < 100 && System.nanoTime() < until) {
      for (Message m :
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(dlqUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All")
                          .attributeNamesWithStrings("All"))
              .messages()) {
        dead.put(Integer.parseInt(m.messageAttributes().get("n").stringValue()), m);
        sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
      }
    }
    assertThat(dead.keySet())
        .as("every message that always fails is in the dead-letter queue")
        .hasSize(100)
        .allMatch(n -> n % 10 == 7);
    Message one = dead.get(7);
    assertThat(one.body()).isEqualTo("{\"n\":7,\"fail\":true}");
    assertThat(one.messageAttributes().get("n").dataType()).isEqualTo("Number");
    assertThat(
            one.attributes()
                .get(
                    software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                        .APPROXIMATE_RECEIVE_COUNT))
        .isEqualTo("3"); // twice from the source queue, once here

    Map<Integer, Integer> done = doneCounts(900);
    assertThat(done).hasSize(900);
    assertThat(done.keySet()).allMatch(n -> n % 10 != 7);
    assertThat(done.values()).as("each success processed exactly once").containsOnly(1);
    assertThat(
            sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
  }

  @Test
  void aFifoQueuesGroupsReachTheFunctionInOrderEachMessageOnce() throws Exception {
    String url = queue("steps.fifo", "FifoQueue=true", "ContentBasedDeduplication=true");
    assertThat(
            createFails(
                "sequencer",
                QUEUE_ARN + "steps.fifo",
                "--batch-size",
                "20",
                "--maximum-batching-window-in-seconds",
                "1"))
        .contains("InvalidParameterValueException");
    for (int start = 0; start < 20; start += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int n = start; n < start + 10; n++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id("m" + n)
                .messageGroupId(n % 2 == 0 ? "even" : "odd")
                .messageBody(Integer.toString(n))
                .build());
      }
      assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).failed()).isEmpty();
    }
    aws.ok(
        "lambda",
        "create-event-source-mapping",
        "--function-name",
        "sequencer",
        "--event-source-arn",
        QUEUE_ARN + "steps.fifo",
        "--batch-size",
        "3");
    List<JsonNode> seen =
        dev.outlet.server.testkit.PrintedJson.await(
            aws, "sequencer", "SEQ ", 20, Duration.ofSeconds(60));
    assertThat(seen).hasSize(20);
    Map<String, List<Integer>> byGroup = new HashMap<>();
    for (JsonNode s : seen) {
      byGroup.computeIfAbsent(s.get(0).asText(), g -> new ArrayList<>()).add(s.get(1).asInt());
    }
    assertThat(byGroup.get("even")).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    assertThat(byGroup.get("odd")).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
    awaitEmpty(url);
  }

  @Test
  void pollersScaleWithTheBacklogUpToTheMaximumConcurrency() throws Exception {
    String url = queue("backlog");
    for (int start = 0; start < 30; start += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int n = start; n < start + 10; n++) {
        entries.add(SendMessageBatchRequestEntry.builder().id("m" + n).messageBody("" + n).build());
      }
      sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
    }
    aws.ok(
        "lambda",
        "create-event-source-mapping",
        "--function-name",
        "slow",
        "--event-source-arn",
        QUEUE_ARN + "backlog",
        "--batch-size",
        "1",
        "--scaling-config",
        "MaximumConcurrency=3");
    List<JsonNode> spans =
        dev.outlet.server.testkit.PrintedJson.await(
            aws, "slow", "SPAN ", 30, Duration.ofSeconds(60));
    assertThat(spans).hasSize(30).allMatch(s -> s.get(2).asInt() == 1);
    int most = 0;
    for (JsonNode s : spans) {
      double at = s.get(0).asDouble() + 0.25; // the middle of each span
      int overlapping = 0;
      for (JsonNode o : spans) {
        if (o.get(0).asDouble() <= at && at < o.get(1).asDouble()) {
          overlapping++;
        }
      }
      most = Math.max(most, overlapping);
    }
    assertThat(most).as("batches running at once").isBetween(2, 3);
    awaitEmpty(url);
  }

  @Test
  void aQueueDeletedWhileAMappingPollsItIsReadAgainOnceItExistsAgain() throws Exception {
    String url = queue("transient");
    String uuid =
        aws.ok(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                "watcher",
                "--event-source-arn",
                QUEUE_ARN + "transient")
            .get("UUID")
            .asText();
    aws.ok("sqs", "delete-queue", "--queue-url", url);
    Thread.sleep(1500);
    assertThat(aws.ok("lambda", "get-event-source-mapping", "--uuid", uuid).get("State").asText())
        .isEqualTo("Enabled");
    String again = queue("transient");
    aws.ok("sqs", "send-message", "--queue-url", again, "--message-body", "back again");
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < until) {
      for (JsonNode e :
          dev.outlet.server.testkit.PrintedJson.await(aws, "watcher", "EVENT ", 0, Duration.ZERO)) {
        seen |= e.at("/Records/0/body").asText().equals("back again");
      }
      Thread.sleep(300);
    }
    assertThat(seen).as("the recreated queue's message reached the function").isTrue();
    aws.ok("lambda", "delete-event-source-mapping", "--uuid", uuid);
  }

  /** How often the consumer printed each number, once at least {@code count} arrived. */
  private static Map<Integer, Integer> doneCounts(int count) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<Integer, Integer> counts = new HashMap<>();
    while (true) {
      counts.clear();
      for (JsonNode line :
          dev.outlet.server.testkit.PrintedJson.await(aws, "consumer", "DONE ", 0, Duration.ZERO)) {
        line.forEach(n -> counts.merge(n.asInt(), 1, Integer::sum));
      }
      if (counts.size() >= count || System.nanoTime() > until) {
        return counts;
      }
      Thread.sleep(500);
    }
  }

  private static void awaitEmpty(String url) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Map<QueueAttributeName, String> a = Map.of();
    while (System.nanoTime() < until) {
      a =
          sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
              .attributes();
      if ("0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("queue " + url + " not empty: " + a);
  }

  private static String md5Hex(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
