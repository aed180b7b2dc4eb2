package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS through the AWS SDK for Java v2 {@code SqsClient} (AWS JSON 1.0; the SDK verifies the MD5s of
 * bodies and message attributes) and boto3, against a real Outlet.
 */
class SqsSdkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
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

  private static String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  @Test
  void sendAndReceiveWithEveryAttributeTypeVerifyTheDigests() {
    String url = create("sdk-orders", Map.of());
    Map<String, MessageAttributeValue> attributes =
        Map.of(
            "color", MessageAttributeValue.builder().dataType("String").stringValue("blü").build(),
            "count",
                MessageAttributeValue.builder().dataType("Number.int").stringValue("7").build(),
            "raw",
                MessageAttributeValue.builder()
                    .dataType("Binary")
                    .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}))
                    .build());
    SendMessageResponse sent =
        sqs.sendMessage(
            b ->
                b.queueUrl(url)
                    .messageBody("héllo\r\nworld")
                    .messageAttributes(attributes)
                    .messageSystemAttributesWithStrings(
                        Map.of(
                            "AWSTraceHeader",
                            software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue
                                .builder()
                                .dataType("String")
                                .stringValue("Root=1-5759e988-bd862e3fe1be46a994272793")
                                .build())));
    assertThat(sent.md5OfMessageSystemAttributes()).hasSize(32);
    assertThat(sent.md5OfMessageAttributes()).hasSize(32);
    List<Message> got =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(url)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .maxNumberOfMessages(10))
            .messages();
    assertThat(got)
        .singleElement()
        .satisfies(m -> assertThat(m.body()).isEqualTo("héllo\r\nworld"));
    Message m = got.get(0);
    assertThat(m.messageAttributes()).isEqualTo(attributes);
    assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
        .isEqualTo("1");
    List<Message> onlyColor =
        sqs.receiveMessage(
                b -> b.queueUrl(url).messageAttributeNames("col.*", "color").visibilityTimeout(0))
            .messages();
    assertThat(onlyColor).isEmpty(); // still invisible from the first receive
    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    Message again =
        sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("color")).messages().get(0);
    assertThat(again.messageAttributes()).containsOnlyKeys("color");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()));
    assertThat(
            sqs.getQueueAttributes(
                    b ->
                        b.queueUrl(url)
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
  }

  @Test
  void aLongPollEndsWhenAMessageArrives() throws Exception {
    String url = create("sdk-wait", Map.of());
    long start = System.nanoTime();
    CompletableFuture<List<Message>> waiting =
        CompletableFuture.supplyAsync(
            () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
    Thread.sleep(1_000);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("now"));
    assertThat(waiting.get(30, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("now");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    long empty = System.nanoTime();
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages()).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - empty)).isBetween(1_900L, 6_000L);
  }

  @Test
  void batchesAndErrorsAsTheSdkModelsThem() {
    String url = create("sdk-batch", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "40"));
    var sent =
        sqs.sendMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        SendMessageBatchRequestEntry.builder().id("1").messageBody("a").build(),
                        SendMessageBatchRequestEntry.builder()
                            .id("2")
                            .messageBody("b")
                            .messageAttributes(
                                Map.of(
                                    "k",
                                    MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("v")
                                        .build()))
                            .build()));
    assertThat(sent.successful()).hasSize(2);
    assertThat(sent.failed()).isEmpty();
    List<Message> got =
        sqs.receiveMessage(
                b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
            .messages();
    assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("a", "b");
    var deleted =
        sqs.deleteMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        got.stream()
                            .map(
                                m ->
                                    software.amazon.awssdk.services.sqs.model
                                        .DeleteMessageBatchRequestEntry.builder()
                                        .id("d" + m.body())
                                        .receiptHandle(m.receiptHandle())
                                        .build())
                            .toList()));
    assertThat(deleted.successful()).hasSize(2);
    assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())))
        .isInstanceOf(EmptyBatchRequestException.class);
    SendMessageBatchRequestEntry same =
        SendMessageBatchRequestEntry.builder().id("x").messageBody("a").build();
    assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(same, same)))
        .isInstanceOf(BatchEntryIdsNotDistinctException.class);
    assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("sdk-missing")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(
            () -> create("sdk-batch", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "41")))
        .isInstanceOf(QueueNameExistsException.class);
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(262_145))))
        .isInstanceOfSatisfying(
            SqsException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "One or more parameters are invalid. Reason: Message must be shorter than"
                          + " 262144 bytes.");
            });
  }

  @Test
  void listsPagesTagsAndDeletes() {
    for (int i = 0; i < 3; i++) {
      create("sdk-page-" + i, Map.of());
    }
    var first = sqs.listQueues(b -> b.queueNamePrefix("sdk-page-").maxResults(2));
    assertThat(first.queueUrls()).hasSize(2);
    var rest =
        sqs.listQueues(
            b -> b.queueNamePrefix("sdk-page-").maxResults(2).nextToken(first.nextToken()));
    assertThat(rest.queueUrls()).singleElement().asString().endsWith("/sdk-page-2");
    assertThat(rest.nextToken()).isNull();
    String url = first.queueUrls().get(0);
    sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("a", "1", "b", "2")));
    sqs.untagQueue(b -> b.queueUrl(url).tagKeys("a"));
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("b", "2"));
    String source =
        create(
            "sdk-source",
            Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:sdk-page-0\","
                    + "\"maxReceiveCount\":5}"));
    assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(url)).queueUrls())
        .containsExactly(source);
    sqs.deleteQueue(b -> b.queueUrl(url));
    assertThatThrownBy(() -> sqs.getQueueAttributes(b -> b.queueUrl(url)))
        .isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void boto3SendsAndReceives() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    String script =
        """
        import boto3, json, sys
        c = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
        url = c.create_queue(QueueName="boto3-q", Attributes={"VisibilityTimeout": "5"})["QueueUrl"]
        sent = c.send_message(QueueUrl=url, MessageBody="from boto3",
            MessageAttributes={"k": {"DataType": "String", "StringValue": "v"},
                               "b": {"DataType": "Binary", "BinaryValue": b"\\x00\\x01"}})
        got = c.receive_message(QueueUrl=url, MessageAttributeNames=["All"],
                                AttributeNames=["All"], WaitTimeSeconds=1)["Messages"][0]
        c.delete_message(QueueUrl=url, ReceiptHandle=got["ReceiptHandle"])
        try:
            c.get_queue_url(QueueName="boto3-missing")
            code = None
        except c.exceptions.QueueDoesNotExist as e:
            code = e.response["Error"]["Code"]
        attrs = c.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        print(json.dumps({"url": url, "sent": sent["MD5OfMessageAttributes"],
                          "got": got["MD5OfMessageAttributes"], "body": got["Body"],
                          "k": got["MessageAttributes"]["k"]["StringValue"],
                          "count": got["Attributes"]["ApproximateReceiveCount"],
                          "missing": code, "visibility": attrs["VisibilityTimeout"]}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out);
    assertThat(r.get("url").asText()).isEqualTo(server.endpoint() + "/000000000000/boto3-q");
    assertThat(r.get("got").asText()).isEqualTo(r.get("sent").asText());
    assertThat(r.get("body").asText()).isEqualTo("from boto3");
    assertThat(r.get("k").asText()).isEqualTo("v");
    assertThat(r.get("count").asText()).isEqualTo("1");
    assertThat(r.get("missing").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(r.get("visibility").asText()).isEqualTo("5");
  }
}
