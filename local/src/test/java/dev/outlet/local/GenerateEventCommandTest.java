package dev.outlet.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GenerateEventCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode generate(String... args) throws Exception {
    StringWriter out = new StringWriter();
    int status =
        new CommandLine(new GenerateEventCommand())
            .setOut(new PrintWriter(out, true))
            .execute(args);
    assertThat(status).isZero();
    return JSON.readTree(out.toString());
  }

  @Test
  void httpApiEventsUsePayloadFormat2() throws Exception {
    JsonNode e =
        generate(
            "apigateway",
            "http-api",
            "--method",
            "post",
            "--path",
            "/orders",
            "--query",
            "a=1&a=2&b=x",
            "--body",
            "{\"n\":1}");
    assertThat(e.path("version").asText()).isEqualTo("2.0");
    assertThat(e.path("rawPath").asText()).isEqualTo("/orders");
    assertThat(e.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x");
    assertThat(e.path("queryStringParameters").path("a").asText()).isEqualTo("1,2");
    assertThat(e.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
    assertThat(e.path("requestContext").path("stage").asText()).isEqualTo("$default");
    assertThat(e.path("body").asText()).isEqualTo("{\"n\":1}");
    assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void restApiEventsUsePayloadFormat1() throws Exception {
    JsonNode e = generate("apigateway", "aws-proxy", "--path", "/pets", "--query", "a=1&a=2");
    assertThat(e.path("httpMethod").asText()).isEqualTo("GET");
    assertThat(e.path("resource").asText()).isEqualTo("/pets");
    assertThat(e.path("multiValueQueryStringParameters").path("a").toString())
        .isEqualTo("[\"1\",\"2\"]");
    assertThat(e.path("requestContext").path("stage").asText()).isEqualTo("Prod");
    assertThat(e.path("requestContext").path("identity").path("sourceIp").asText())
        .isEqualTo("127.0.0.1");
    assertThat(e.path("body").isNull()).isTrue();
  }

  @Test
  void queueTopicBucketAndScheduleEvents() throws Exception {
    JsonNode sqs = generate("sqs", "--body", "hi", "--queue", "q1").path("Records").get(0);
    assertThat(sqs.path("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(sqs.path("eventSourceARN").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:123456789012:q1");
    assertThat(sqs.path("md5OfBody").asText()).isEqualTo("49f68a5c8493ec2c0bf489821c21fc3b");
    JsonNode sns = generate("sns", "notification", "--topic", "t").path("Records").get(0);
    assertThat(sns.path("EventSource").asText()).isEqualTo("aws:sns");
    assertThat(sns.path("Sns").path("TopicArn").asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:t");
    JsonNode s3 =
        generate("s3", "put", "--bucket", "b", "--key", "k/x.txt", "--size", "7")
            .path("Records")
            .get(0);
    assertThat(s3.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
    assertThat(s3.path("s3").path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::b");
    assertThat(s3.path("s3").path("object").path("size").asLong()).isEqualTo(7);
    JsonNode tick = generate("schedule", "--rule", "r", "--region", "eu-west-1");
    assertThat(tick.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(tick.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:eu-west-1:123456789012:rule/r");
  }

  @Test
  void anSqsRecordHasEveryFieldAwsSendsAndTheBodysRealMd5() throws Exception {
    JsonNode r =
        generate("sqs", "receive-message", "--body", "{\"id\":1}", "--queue", "orders")
            .path("Records")
            .get(0);
    assertThat(r.path("messageId").asText()).hasSize(36);
    assertThat(r.path("receiptHandle").asText()).isNotEmpty();
    assertThat(r.path("body").asText()).isEqualTo("{\"id\":1}");
    assertThat(r.path("md5OfBody").asText())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("MD5")
                        .digest("{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    assertThat(r.path("attributes").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "ApproximateReceiveCount",
            "SentTimestamp",
            "SenderId",
            "ApproximateFirstReceiveTimestamp");
    assertThat(r.path("messageAttributes").isObject()).isTrue();
    assertThat(r.path("awsRegion").asText()).isEqualTo("us-east-1");
  }

  @Test
  void anEventBridgeEventCarriesItsSourceDetailTypeAndDetail() throws Exception {
    JsonNode e =
        generate(
            "eventbridge",
            "event",
            "--source",
            "shop",
            "--detail-type",
            "Order Placed",
            "--detail",
            "{\"total\":120}");
    assertThat(e.path("version").asText()).isEqualTo("0");
    assertThat(e.path("source").asText()).isEqualTo("shop");
    assertThat(e.path("detail-type").asText()).isEqualTo("Order Placed");
    assertThat(e.path("detail").path("total").asInt()).isEqualTo(120);
    assertThat(e.path("account").asText()).isEqualTo("123456789012");
    assertThat(e.path("resources").isArray()).isTrue();
    assertThat(e.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(generate("cloudwatch", "scheduled-event").path("detail-type").asText())
        .isEqualTo("Scheduled Event");
  }

  @Test
  void anUnknownEventIsBadUsage() {
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(new GenerateEventCommand())
            .setErr(new PrintWriter(err, true))
            .execute("kinesis", "get-records");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("unknown event 'kinesis get-records'");
  }
}
