package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * FIFO queues through the Debian AWS CLI v2 (query protocol) and the AWS SDK for Java v2 (JSON
 * 1.0), and the dead-letter redrive API (StartMessageMoveTask and friends, which the CLI 2.9 does
 * not know) through the SDK, against a real Outlet.
 */
class SqsFifoTest {
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    sqs = dev.outlet.server.testkit.SqsClients.of(server.endpoint());
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

  private static JsonNode send(String url, String body, String group, String dedup) {
    return aws.ok(
        "sqs",
        "send-message",
        "--queue-url",
        url,
        "--message-body",
        body,
        "--message-group-id",
        group,
        "--message-deduplication-id",
        dedup);
  }

  @Test
  void theCliCreatesAFifoQueueAndAwsErrorsGuardItsNameAndSends() {
    AwsCli.assumeInstalled();
    assertThat(
            aws.fails(
                "sqs", "create-queue", "--queue-name", "plain", "--attributes", "FifoQueue=true"))
        .contains("InvalidParameterValue", "must end with .fifo suffix");
    String url =
        aws.ok(
                "sqs",
                "create-queue",
                "--queue-name",
                "cli-orders.fifo",
                "--attributes",
                "FifoQueue=true,DeduplicationScope=messageGroup,FifoThroughputLimit=perMessageGroupId")
            .get("QueueUrl")
            .asText();
    JsonNode attributes =
        aws.ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
            .get("Attributes");
    assertThat(attributes.get("FifoQueue").asText()).isEqualTo("true");
    assertThat(attributes.get("ContentBasedDeduplication").asText()).isEqualTo("false");
    assertThat(attributes.get("DeduplicationScope").asText()).isEqualTo("messageGroup");
    assertThat(attributes.get("FifoThroughputLimit").asText()).isEqualTo("perMessageGroupId");
    assertThat(aws.fails("sqs", "send-message", "--queue-url", url, "--message-body", "x"))
        .contains("MissingParameter", "The request must contain the parameter MessageGroupId.");
    assertThat(
            aws.fails(
                "sqs",
                "send-message",
                "--queue-url",
                url,
                "--message-body",
                "x",
                "--message-group-id",
                "g"))
        .contains(
            "InvalidParameterValue",
            "The queue should either have ContentBasedDeduplication enabled or"
                + " MessageDeduplicationId provided explicitly");
    assertThat(
            aws.fails(
                "sqs",
                "send-message",
                "--queue-url",
                url,
                "--message-body",
                "x",
                "--message-group-id",
                "g",
                "--message-deduplication-id",
                "d",
                "--delay-seconds",
                "5"))
        .contains("InvalidParameterValue", "DelaySeconds");
    assertThat(
            aws.fails(
                "sqs",
                "set-queue-attributes",
                "--queue-url",
                url,
                "--attributes",
                "DeduplicationScope=queue"))
        .as("perMessageGroupId needs messageGroup")
        .contains("InvalidAttributeValue");
  }

  @Test
  void theCliSeesGroupOrderDeduplicationAndTheFifoAttributes() {
    AwsCli.assumeInstalled();
    String url =
        aws.ok(
                "sqs",
                "create-queue",
                "--queue-name",
                "cli-ordered.fifo",
                "--attributes",
                "FifoQueue=true,ContentBasedDeduplication=true")
            .get("QueueUrl")
            .asText();
    JsonNode first = send(url, "a1", "a", "1");
    JsonNode duplicate = send(url, "a1 again", "a", "1");
    assertThat(duplicate.get("MessageId").asText()).isEqualTo(first.get("MessageId").asText());
    assertThat(duplicate.get("SequenceNumber").asText())
        .isEqualTo(first.get("SequenceNumber").asText());
    JsonNode second = send(url, "a2", "a", "2");
    assertThat(second.get("SequenceNumber").asText())
        .hasSize(20)
        .isGreaterThan(first.get("SequenceNumber").asText());
    JsonNode batch =
        aws.ok(
            "sqs",
            "send-message-batch",
            "--queue-url",
            url,
            "--entries",
            "[{\"Id\":\"x\",\"MessageBody\":\"b1\",\"MessageGroupId\":\"b\"},"
                + "{\"Id\":\"y\",\"MessageBody\":\"no group\"}]");
    assertThat(batch.at("/Successful/0/SequenceNumber").asText()).hasSize(20);
    assertThat(batch.at("/Failed/0/Code").asText()).isEqualTo("MissingParameter");
    JsonNode got =
        aws.ok(
            "sqs",
            "receive-message",
            "--queue-url",
            url,
            "--max-number-of-messages",
            "10",
            "--attribute-names",
            "All",
            "--receive-request-attempt-id",
            "attempt-1");
    assertThat(got.get("Messages"))
        .extracting(m -> m.get("Body").asText())
        .containsExactly("a1", "a2", "b1");
    JsonNode a1 = got.at("/Messages/0/Attributes");
    assertThat(a1.get("MessageGroupId").asText()).isEqualTo("a");
    assertThat(a1.get("MessageDeduplicationId").asText()).isEqualTo("1");
    assertThat(a1.get("SequenceNumber").asText()).isEqualTo(first.get("SequenceNumber").asText());
    assertThat(got.at("/Messages/2/Attributes/MessageDeduplicationId").asText())
        .as("content-based: the SHA-256 of the body")
        .hasSize(64);
    send(url, "a3", "a", "3");
    assertThat(aws.ok("sqs", "receive-message", "--queue-url", url).path("Messages"))
        .as("group a has a batch in flight")
        .isEmpty();
    aws.ok(
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        got.at("/Messages/0/ReceiptHandle").asText());
    aws.ok(
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        got.at("/Messages/1/ReceiptHandle").asText());
    assertThat(aws.ok("sqs", "receive-message", "--queue-url", url).at("/Messages/0/Body").asText())
        .isEqualTo("a3");
  }

  private static String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  private static String arn(String url) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  @Test
  void theSdkSendsABatchToAFifoQueueAndReadsTheFifoAttributes() {
    String url = create("sdk-orders.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    SendMessageResponse one =
        sqs.sendMessage(
            b ->
                b.queueUrl(url).messageBody("one").messageGroupId("g").messageDeduplicationId("1"));
    assertThat(one.sequenceNumber()).hasSize(20);
    var batch =
        sqs.sendMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        SendMessageBatchRequestEntry.builder()
                            .id("a")
                            .messageBody("two")
                            .messageGroupId("g")
                            .messageDeduplicationId("2")
                            .build(),
                        SendMessageBatchRequestEntry.builder()
                            .id("b")
                            .messageBody("one again")
                            .messageGroupId("g")
                            .messageDeduplicationId("1")
                            .build()));
    assertThat(batch.successful()).hasSize(2);
    assertThat(batch.successful().get(1).messageId()).isEqualTo(one.messageId());
    List<Message> got =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .receiveRequestAttemptId("r-1")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    assertThat(got).extracting(Message::body).containsExactly("one", "two");
    assertThat(got.get(1).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo("g");
    assertThat(got.get(1).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER))
        .isEqualTo(batch.successful().get(0).sequenceNumber());
    assertThatThrownBy(
            () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")))
        .isInstanceOf(SqsException.class)
        .satisfies(
            e ->
                assertThat(((SqsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("InvalidParameterValue"));
  }

  @Test
  void aMoveTaskRedrivesADeadLetterQueueAtItsRateAndAwsErrorsGuardIt() throws Exception {
    String dlq = create("sdk-redrive-dlq", Map.of());
    String src =
        create(
            "sdk-redrive-src",
            Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(dlq) + "\",\"maxReceiveCount\":\"1\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT,
                "1"));
    for (int i = 0; i < 4; i++) {
      int n = i;
      sqs.sendMessage(b -> b.queueUrl(src).messageBody("m" + n));
    }
    assertThat(sqs.receiveMessage(b -> b.queueUrl(src).maxNumberOfMessages(10)).messages())
        .hasSize(4);
    Thread.sleep(1_100); // the visibility timeout passes: the next receive dead-letters them
    assertThat(sqs.receiveMessage(b -> b.queueUrl(src).maxNumberOfMessages(10)).messages())
        .isEmpty();

    assertThatThrownBy(() -> sqs.startMessageMoveTask(b -> b.sourceArn(arn(src))))
        .isInstanceOf(SqsException.class)
        .hasMessageContaining("Source queue must be configured as a Dead Letter Queue.")
        .satisfies(
            e ->
                assertThat(((SqsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("InvalidParameterValue"));
    assertThatThrownBy(
            () ->
                sqs.startMessageMoveTask(
                    b -> b.sourceArn("arn:aws:sqs:us-east-1:000000000000:nothing")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                sqs.startMessageMoveTask(
                    b -> b.sourceArn(arn(dlq)).maxNumberOfMessagesPerSecond(501)))
        .isInstanceOf(SqsException.class)
        .hasMessageContaining("MaxNumberOfMessagesPerSecond");

    String handle =
        sqs.startMessageMoveTask(b -> b.sourceArn(arn(dlq)).maxNumberOfMessagesPerSecond(2))
            .taskHandle();
    ListMessageMoveTasksResultEntry running =
        sqs.listMessageMoveTasks(b -> b.sourceArn(arn(dlq))).results().get(0);
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.taskHandle()).isEqualTo(handle);
    assertThat(running.approximateNumberOfMessagesToMove()).isEqualTo(4);
    assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(2);
    assertThatThrownBy(() -> sqs.startMessageMoveTask(b -> b.sourceArn(arn(dlq))))
        .as("one running task per source")
        .isInstanceOf(SqsException.class);
    long started = System.nanoTime();
    ListMessageMoveTasksResultEntry done = running;
    while (done.status().equals("RUNNING") && System.nanoTime() - started < 15_000_000_000L) {
      Thread.sleep(100);
      done = sqs.listMessageMoveTasks(b -> b.sourceArn(arn(dlq))).results().get(0);
    }
    assertThat(done.status()).isEqualTo("COMPLETED");
    assertThat(done.approximateNumberOfMessagesMoved()).isEqualTo(4);
    assertThat(System.nanoTime() - started)
        .as("4 messages at 2 a second take more than a second")
        .isGreaterThan(1_000_000_000L);
    assertThat(sqs.receiveMessage(b -> b.queueUrl(src).maxNumberOfMessages(10)).messages())
        .extracting(Message::body)
        .containsExactlyInAnyOrder("m0", "m1", "m2", "m3");
    assertThatThrownBy(() -> sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)))
        .as("a finished task cannot be cancelled")
        .isInstanceOf(ResourceNotFoundException.class);

    sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("to cancel"));
    String other = create("sdk-redrive-other", Map.of());
    String slow =
        sqs.startMessageMoveTask(
                b ->
                    b.sourceArn(arn(dlq))
                        .destinationArn(arn(other))
                        .maxNumberOfMessagesPerSecond(1))
            .taskHandle();
    sqs.cancelMessageMoveTask(b -> b.taskHandle(slow));
    List<ListMessageMoveTasksResultEntry> both =
        sqs.listMessageMoveTasks(b -> b.sourceArn(arn(dlq)).maxResults(10)).results();
    assertThat(both)
        .extracting(ListMessageMoveTasksResultEntry::status)
        .containsExactly("CANCELLED", "COMPLETED");
    assertThat(both.get(0).destinationArn()).isEqualTo(arn(other));
  }
}
