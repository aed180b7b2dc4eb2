package dev.outlet.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.sqs.MessageAttribute;
import dev.outlet.sqs.QueueConsumer.Delivered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsEventTest {
  private static final String ARN = "arn:aws:sqs:eu-west-1:000000000000:q";

  private static Delivered message(String body, Map<String, MessageAttribute> attributes) {
    return new Delivered(
        "id-1",
        "handle-1",
        body,
        Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1700000000000"),
        attributes,
        "md5",
        attributes.isEmpty() ? null : "md5a");
  }

  @Test
  void recordsAreLambdasSqsShape() throws Exception {
    byte[] event =
        SqsEvent.of(
            List.of(
                message(
                    "{\"a\":\"ü\"}",
                    Map.of(
                        "s", new MessageAttribute("v", null, "String"),
                        "b", new MessageAttribute(null, new byte[] {1, 2}, "Binary")))),
            ARN,
            "eu-west-1");
    JsonNode r = new ObjectMapper().readTree(event).get("Records").get(0);
    assertThat(r.get("messageId").asText()).isEqualTo("id-1");
    assertThat(r.get("receiptHandle").asText()).isEqualTo("handle-1");
    assertThat(r.get("body").asText()).isEqualTo("{\"a\":\"ü\"}");
    assertThat(r.at("/attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(r.at("/messageAttributes/s/stringValue").asText()).isEqualTo("v");
    assertThat(r.at("/messageAttributes/s/stringListValues").isArray()).isTrue();
    assertThat(r.at("/messageAttributes/b/binaryValue").asText()).isEqualTo("AQI=");
    assertThat(r.at("/messageAttributes/b/dataType").asText()).isEqualTo("Binary");
    assertThat(r.get("md5OfMessageAttributes").asText()).isEqualTo("md5a");
    assertThat(r.get("md5OfBody").asText()).isEqualTo("md5");
    assertThat(r.get("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(r.get("eventSourceARN").asText()).isEqualTo(ARN);
    assertThat(r.get("awsRegion").asText()).isEqualTo("eu-west-1");
  }

  @Test
  void filtersMatchAJsonBodyByItsMembersAndAnyOtherAsAString() {
    RecordFilter json = new RecordFilter(List.of("{\"body\":{\"n\":[{\"numeric\":[\">\",5]}]}}"));
    assertThat(json.matches(message("{\"n\":7}", Map.of()), ARN, "eu-west-1")).isTrue();
    assertThat(json.matches(message("{\"n\":3}", Map.of()), ARN, "eu-west-1")).isFalse();
    assertThat(json.matches(message("n=7", Map.of()), ARN, "eu-west-1")).isFalse();
    RecordFilter text = new RecordFilter(List.of("{\"body\":[{\"prefix\":\"urgent\"}]}"));
    assertThat(text.matches(message("urgent: now", Map.of()), ARN, "eu-west-1")).isTrue();
    assertThat(text.matches(message("later", Map.of()), ARN, "eu-west-1")).isFalse();
    assertThat(new RecordFilter(List.of()).matches(message("x", Map.of()), ARN, "r")).isTrue();
  }
}
