package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.testkit.EdgeServer;
import dev.outlet.edge.testkit.Fuzz;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * SQS on a real edge server, fed mutated requests in both protocols (AWS JSON 1.0 and query forms
 * posted to a queue's path): every request is answered within {@link Fuzz#BOUND} with a result or
 * an AWS error, never with a 5xx.
 */
class SqsRequestProperties {
  private static final String QUEUE = "http://127.0.0.1/000000000000/fuzz";
  private static final String PATH = "/000000000000/fuzz";
  private static final String FIFO = "http://127.0.0.1/000000000000/fuzz.fifo";
  private static final List<String> OPERATIONS =
      List.of(
          "CreateQueue",
          "GetQueueAttributes",
          "SetQueueAttributes",
          "SendMessage",
          "SendMessageBatch",
          "ReceiveMessage",
          "DeleteMessage",
          "DeleteMessageBatch",
          "ChangeMessageVisibility",
          "ChangeMessageVisibilityBatch",
          "ListQueues",
          "TagQueue",
          "UntagQueue",
          "StartMessageMoveTask",
          "ListMessageMoveTasks",
          "CancelMessageMoveTask");

  private static Path dir;
  private static SqsService sqs;
  private static EdgeServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("sqs-fuzz");
    sqs =
        SqsService.open(
            dir.resolve("sqs.db"),
            new ManualClock(Instant.parse("2026-12-01T10:00:00Z")),
            "us-east-1",
            "000000000000",
            "http");
    server = EdgeServer.start(sqs.services(), RequestVerifier.ACCEPT_ALL);
    for (String body : List.of(JSON.get(0), JSON.get(1), JSON.get(1))) {
      post(json(body.startsWith("{\"QueueName") ? "CreateQueue" : "SendMessage"), body);
    }
    post(json("CreateQueue"), JSON.get(5));
    post(json("CreateQueue"), "{\"QueueName\":\"fuzz-dlq\"}");
    post(
        json("CreateQueue"),
        "{\"QueueName\":\"fuzz-src\",\"Attributes\":{\"RedrivePolicy\":"
            + "\"{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:us-east-1:000000000000:fuzz-dlq\\\","
            + "\\\"maxReceiveCount\\\":1}\"}}");
    post(json("SendMessage"), JSON.get(6));
  }

  @AfterContainer
  static void stop() throws IOException {
    server.close();
    sqs.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static final List<String> JSON =
      List.of(
          "{\"QueueName\":\"fuzz\",\"Attributes\":{\"VisibilityTimeout\":\"0\"},"
              + "\"tags\":{\"a\":\"b\"}}",
          "{\"QueueUrl\":\""
              + QUEUE
              + "\",\"MessageBody\":\"hi\",\"DelaySeconds\":0,\"MessageAttributes\":"
              + "{\"s\":{\"DataType\":\"String\",\"StringValue\":\"v\"},"
              + "\"n\":{\"DataType\":\"Number\",\"StringValue\":\"1.5\"},"
              + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQI=\"}}}",
          "{\"QueueUrl\":\""
              + QUEUE
              + "\",\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"x\"},"
              + "{\"Id\":\"b\",\"ReceiptHandle\":\"MTox\",\"VisibilityTimeout\":3}]}",
          "{\"QueueUrl\":\""
              + QUEUE
              + "\",\"MaxNumberOfMessages\":10,\"AttributeNames\":[\"All\"],"
              + "\"MessageAttributeNames\":[\"s.*\"],\"VisibilityTimeout\":0}",
          "{\"QueueUrl\":\""
              + QUEUE
              + "\",\"AttributeNames\":[\"All\"],\"Attributes\":{\"DelaySeconds\":\"0\","
              + "\"RedrivePolicy\":\"{\\\"maxReceiveCount\\\":2}\"},\"Tags\":{\"k\":\"v\"},"
              + "\"TagKeys\":[\"k\"]}",
          "{\"QueueName\":\"fuzz.fifo\",\"Attributes\":{\"FifoQueue\":\"true\","
              + "\"ContentBasedDeduplication\":\"true\",\"DeduplicationScope\":\"messageGroup\","
              + "\"FifoThroughputLimit\":\"perMessageGroupId\"}}",
          "{\"QueueUrl\":\""
              + FIFO
              + "\",\"MessageBody\":\"hi\",\"MessageGroupId\":\"g\","
              + "\"MessageDeduplicationId\":\"d\",\"ReceiveRequestAttemptId\":\"r\","
              + "\"MaxNumberOfMessages\":10,\"AttributeNames\":[\"All\"],"
              + "\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"x\",\"MessageGroupId\":\"g\"}]}",
          "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:fuzz-dlq\","
              + "\"DestinationArn\":\"arn:aws:sqs:us-east-1:000000000000:fuzz\","
              + "\"MaxNumberOfMessagesPerSecond\":5,\"MaxResults\":3,"
              + "\"TaskHandle\":\"eyJ0YXNrSWQiOiJ4In0=\"}");

  private static final List<String> FORMS =
      List.of(
          "Action=SendMessage&Version=2012-11-05&MessageBody=hi&DelaySeconds=0"
              + "&MessageAttribute.1.Name=s&MessageAttribute.1.Value.DataType=String"
              + "&MessageAttribute.1.Value.StringValue=v&MessageAttribute.2.Name=b"
              + "&MessageAttribute.2.Value.DataType=Binary&MessageAttribute.2.Value.BinaryValue=AQI%3D",
          "Action=SendMessageBatch&Version=2012-11-05&SendMessageBatchRequestEntry.1.Id=a"
              + "&SendMessageBatchRequestEntry.1.MessageBody=x"
              + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=y",
          "Action=ReceiveMessage&Version=2012-11-05&MaxNumberOfMessages=10&AttributeName.1=All"
              + "&MessageAttributeName.1=All&VisibilityTimeout=0",
          "Action=DeleteMessageBatch&Version=2012-11-05&DeleteMessageBatchRequestEntry.1.Id=a"
              + "&DeleteMessageBatchRequestEntry.1.ReceiptHandle=MTox",
          "Action=SetQueueAttributes&Version=2012-11-05&Attribute.1.Name=VisibilityTimeout"
              + "&Attribute.1.Value=0&Tag.1.Key=k&Tag.1.Value=v&TagKey.1=k",
          "Action=GetQueueAttributes&Version=2012-11-05&AttributeName.1=All",
          "Action=SendMessage&Version=2012-11-05&QueueUrl="
              + FIFO
              + "&MessageBody=hi&MessageGroupId=g&MessageDeduplicationId=d",
          "Action=SendMessageBatch&Version=2012-11-05&QueueUrl="
              + FIFO
              + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x"
              + "&SendMessageBatchRequestEntry.1.MessageGroupId=g",
          "Action=ReceiveMessage&Version=2012-11-05&QueueUrl="
              + FIFO
              + "&ReceiveRequestAttemptId=r&AttributeName.1=All&MaxNumberOfMessages=10",
          "Action=ListMessageMoveTasks&Version=2012-11-05"
              + "&SourceArn=arn:aws:sqs:us-east-1:000000000000:fuzz-dlq&MaxResults=10");

  @Provide
  Arbitrary<byte[]> jsonBodies() {
    return Fuzz.mutationsOf(JSON.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Provide
  Arbitrary<byte[]> forms() {
    return Fuzz.mutationsOf(FORMS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Provide
  Arbitrary<String> operations() {
    return Arbitraries.of(OPERATIONS);
  }

  private static HttpRequest.Builder json(String operation) {
    return HttpRequest.newBuilder(URI.create(server.url("/")))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "AmazonSQS." + operation);
  }

  private static HttpRequest.Builder form() {
    return HttpRequest.newBuilder(URI.create(server.url(PATH)))
        .header("Content-Type", "application/x-www-form-urlencoded");
  }

  private static int post(HttpRequest.Builder request, String body) {
    return post(request, body.getBytes(StandardCharsets.UTF_8));
  }

  private static int post(HttpRequest.Builder request, byte[] body) {
    try {
      return CLIENT
          .send(
              request
                  .timeout(Fuzz.BOUND)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new AssertionError("no answer for " + Fuzz.show(body), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Property(tries = 150)
  void mutatedJsonIsAnsweredWithoutAFault(
      @ForAll("operations") String op, @ForAll("jsonBodies") byte[] body) {
    assertThat(post(json(op), body)).as(Fuzz.show(body)).isBetween(200, 499);
  }

  @Property(tries = 150)
  void mutatedFormsAreAnsweredWithoutAFault(@ForAll("forms") byte[] body) {
    assertThat(post(form(), body)).as(Fuzz.show(body)).isBetween(200, 499);
  }

  @Example
  void errorsAreRenderedAsEachProtocolsSdksReadThem() throws Exception {
    HttpResponse<String> json =
        CLIENT.send(
            json("GetQueueUrl")
                .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"nope\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.headers().firstValue("x-amzn-query-error"))
        .hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
    assertThat(json.body())
        .isEqualTo(
            "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                + "\"message\":\"The specified queue does not exist.\"}");
    HttpResponse<String> xml =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.url("/000000000000/nope")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetQueueAttributes"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(xml.statusCode()).isEqualTo(400);
    assertThat(xml.body())
        .startsWith(
            "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error>"
                + "<Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
                + "<Message>The specified queue does not exist.</Message><Detail/></Error>"
                + "<RequestId>");
  }

  @Example
  void theSamplesAreServed() {
    assertThat(post(json("GetQueueAttributes"), JSON.get(3))).isEqualTo(200);
    for (String f : FORMS) {
      assertThat(post(form(), f)).as(f).isEqualTo(200);
    }
  }
}
