package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws sqs ...} from the Debian AWS CLI v2 (the query protocol) against a real Outlet:
 * queues, messages with attributes, long polls, visibility, counters, a dead-letter queue, batches,
 * purge and a restart.
 */
class SqsCliTest {
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

  private static String create(String name, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "sqs";
    args[1] = "create-queue";
    args[2] = "--queue-name=" + name;
    System.arraycopy(more, 0, args, 3, more.length);
    return aws.ok(args).get("QueueUrl").asText();
  }

  private static JsonNode receive(String url, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "sqs";
    args[1] = "receive-message";
    args[2] = "--queue-url";
    args[3] = url;
    System.arraycopy(more, 0, args, 4, more.length);
    return aws.ok(args);
  }

  private static JsonNode counters(String url) {
    return aws.ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
        .get("Attributes");
  }

  @Test
  void sendsReceivesAndDeletesAMessageWithAttributes() {
    String url = create("cli-orders");
    assertThat(url).isEqualTo(server.endpoint() + "/000000000000/cli-orders");
    assertThat(create("cli-orders")).as("idempotent").isEqualTo(url);
    JsonNode sent =
        aws.ok(
            "sqs",
            "send-message",
            "--queue-url",
            url,
            "--message-body",
            "hello <world> & co",
            "--message-attributes",
            "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"},"
                + "\"n\":{\"DataType\":\"Number\",\"StringValue\":\"42\"},"
                + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQID\"}}");
    assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo(md5("hello <world> & co"));
    assertThat(sent.get("MD5OfMessageAttributes").asText()).hasSize(32);
    JsonNode got =
        receive(url, "--message-attribute-names", "All", "--attribute-names", "All")
            .at("/Messages/0");
    assertThat(got.get("Body").asText()).isEqualTo("hello <world> & co");
    assertThat(got.get("MessageId").asText()).isEqualTo(sent.get("MessageId").asText());
    assertThat(got.at("/MessageAttributes/color/StringValue").asText()).isEqualTo("blue");
    assertThat(got.at("/MessageAttributes/n/StringValue").asText()).isEqualTo("42");
    assertThat(got.at("/MessageAttributes/b/BinaryValue").asText()).isEqualTo("AQID");
    assertThat(got.get("MD5OfMessageAttributes").asText())
        .isEqualTo(sent.get("MD5OfMessageAttributes").asText());
    assertThat(got.at("/Attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(got.at("/Attributes/SentTimestamp").asLong()).isPositive();
    aws.ok(
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        got.get("ReceiptHandle").asText());
    JsonNode c = counters(url);
    assertThat(c.get("ApproximateNumberOfMessages").asText()).isEqualTo("0");
    assertThat(c.get("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");
    assertThat(c.get("QueueArn").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:cli-orders");
  }

  @Test
  void aLongPollReturnsAMessageSentDuringTheWait() throws Exception {
    String url = create("cli-wait");
    long start = System.nanoTime();
    CompletableFuture<JsonNode> waiting =
        CompletableFuture.supplyAsync(() -> receive(url, "--wait-time-seconds", "20"));
    Thread.sleep(2_000);
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "late");
    JsonNode got = waiting.get(30, TimeUnit.SECONDS);
    assertThat(got.at("/Messages/0/Body").asText()).isEqualTo("late");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
  }

  @Test
  void anUndeletedMessageIsVisibleAgainAfterItsTimeoutAndCountersFollow() throws Exception {
    // six seconds: room for three CLI calls (each a Python start, slow on a busy machine) inside
    // the window in which the received message must stay invisible
    String url = create("cli-visibility", "--attributes", "VisibilityTimeout=6");
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "again");
    aws.ok(
        "sqs",
        "send-message",
        "--queue-url",
        url,
        "--message-body",
        "later",
        "--delay-seconds",
        "60");
    long received = System.nanoTime();
    JsonNode first = receive(url).at("/Messages/0");
    assertThat(first.get("Body").asText()).isEqualTo("again");
    JsonNode c = counters(url);
    assertThat(c.get("ApproximateNumberOfMessages").asText()).isEqualTo("0");
    assertThat(c.get("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("1");
    assertThat(c.get("ApproximateNumberOfMessagesDelayed").asText()).isEqualTo("1");
    assertThat(receive(url).path("Messages").size()).as("invisible").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - received))
        .as("the invisibility was checked inside its window")
        .isLessThan(Duration.ofSeconds(6));
    JsonNode second = receive(url, "--wait-time-seconds", "10").at("/Messages/0");
    assertThat(second.get("Body").asText()).isEqualTo("again");
    assertThat(second.get("ReceiptHandle").asText())
        .isNotEqualTo(first.get("ReceiptHandle").asText());
    aws.ok(
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        first.get("ReceiptHandle").asText());
    assertThat(counters(url).get("ApproximateNumberOfMessagesNotVisible").asText())
        .as("an old receipt handle still deletes")
        .isEqualTo("0");
  }

  @Test
  void aMessageReceivedMoreThanMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
    String dlq = create("cli-dlq");
    String url =
        create(
            "cli-source",
            "--attributes",
            "{\"VisibilityTimeout\":\"0\",\"RedrivePolicy\":"
                + "\"{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:us-east-1:000000000000:cli-dlq\\\","
                + "\\\"maxReceiveCount\\\":\\\"2\\\"}\"}");
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "poison");
    assertThat(receive(url).at("/Messages/0/Body").asText()).isEqualTo("poison");
    assertThat(receive(url).at("/Messages/0/Body").asText()).isEqualTo("poison");
    assertThat(receive(url).path("Messages").size()).isZero();
    assertThat(receive(dlq).at("/Messages/0/Body").asText()).isEqualTo("poison");
    assertThat(aws.ok("sqs", "list-dead-letter-source-queues", "--queue-url", dlq).get("queueUrls"))
        .extracting(JsonNode::asText)
        .containsExactly(url);
    assertThat(
            aws.ok(
                    "sqs",
                    "get-queue-attributes",
                    "--queue-url",
                    url,
                    "--attribute-names",
                    "RedrivePolicy")
                .at("/Attributes/RedrivePolicy")
                .asText())
        .isEqualTo(
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:cli-dlq\",\"maxReceiveCount\":2}");
  }

  @Test
  void batchesPurgeAndErrors() {
    String url = create("cli-batch");
    JsonNode sent =
        aws.ok(
            "sqs",
            "send-message-batch",
            "--queue-url",
            url,
            "--entries",
            "[{\"Id\":\"a\",\"MessageBody\":\"one\"},{\"Id\":\"b\",\"MessageBody\":\"two\"},"
                + "{\"Id\":\"c\",\"MessageBody\":\"bad \\u0001\"}]");
    assertThat(sent.get("Successful")).hasSize(2);
    assertThat(sent.at("/Failed/0/Id").asText()).isEqualTo("c");
    assertThat(sent.at("/Failed/0/Code").asText()).isEqualTo("InvalidMessageContents");
    JsonNode got = receive(url, "--max-number-of-messages", "10");
    assertThat(got.get("Messages")).hasSize(2);
    JsonNode deleted =
        aws.ok(
            "sqs",
            "delete-message-batch",
            "--queue-url",
            url,
            "--entries",
            "[{\"Id\":\"x\",\"ReceiptHandle\":\""
                + got.at("/Messages/0/ReceiptHandle").asText()
                + "\"},{\"Id\":\"y\",\"ReceiptHandle\":\"nope\"}]");
    assertThat(deleted.at("/Successful/0/Id").asText()).isEqualTo("x");
    assertThat(deleted.at("/Failed/0/Code").asText()).isEqualTo("ReceiptHandleIsInvalid");
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "three");
    aws.ok("sqs", "purge-queue", "--queue-url", url);
    assertThat(counters(url).get("ApproximateNumberOfMessages").asText()).isEqualTo("0");
    assertThat(
            aws.fails(
                "sqs",
                "send-message",
                "--queue-url",
                server.endpoint() + "/000000000000/missing",
                "--message-body",
                "x"))
        .contains("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(aws.fails("sqs", "create-queue", "--queue-name", "orders.fifo"))
        .as("a .fifo name without FifoQueue=true is not a standard queue's")
        .contains("InvalidParameterValue", "alphanumeric characters");
    assertThat(
            aws.fails(
                "sqs",
                "create-queue",
                "--queue-name",
                "cli-batch",
                "--attributes",
                "DelaySeconds=5"))
        .contains("QueueAlreadyExists");
    assertThat(aws.ok("sqs", "list-queues", "--queue-name-prefix", "cli-b").get("QueueUrls"))
        .extracting(JsonNode::asText)
        .containsExactly(url);
  }

  @Test
  void aSentMessageIsThereAfterARestart() {
    String url = create("cli-restart");
    aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "durable");
    aws.ok("sqs", "tag-queue", "--queue-url", url, "--tags", "team=core");
    Path data = root.resolve("restart-data");
    try (TestServer first = TestServer.start(data)) {
      AwsCli cli = new AwsCli(first.endpoint(), root.resolve("cli1"));
      String u = cli.ok("sqs", "create-queue", "--queue-name", "kept").get("QueueUrl").asText();
      cli.ok("sqs", "send-message", "--queue-url", u, "--message-body", "survives");
    }
    try (TestServer again = TestServer.start(data)) {
      AwsCli cli = new AwsCli(again.endpoint(), root.resolve("cli2"));
      String u = cli.ok("sqs", "get-queue-url", "--queue-name", "kept").get("QueueUrl").asText();
      assertThat(cli.ok("sqs", "receive-message", "--queue-url", u).at("/Messages/0/Body").asText())
          .isEqualTo("survives");
    }
    assertThat(aws.ok("sqs", "list-queue-tags", "--queue-url", url).at("/Tags/team").asText())
        .isEqualTo("core");
  }

  private static String md5(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
