package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamQueue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuePlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
  private static final SamQueue ORDERS =
      new SamQueue(
          "Orders",
          "orders",
          Map.of(
              "VisibilityTimeout",
              "60",
              "RedrivePolicy",
              "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":3}"),
          Map.of("team", "shop"),
          "arn:aws:sqs:us-east-1:000000000000:orders",
          "http://h/000000000000/orders");

  private static JsonNode attributes(String visibility, String redrive) throws Exception {
    var a = JSON.createObjectNode();
    a.put("VisibilityTimeout", visibility)
        .put("MessageRetentionPeriod", "345600")
        .put("DelaySeconds", "0")
        .put("ReceiveMessageWaitTimeSeconds", "0")
        .put("MaximumMessageSize", "262144")
        .put("ApproximateNumberOfMessages", "7");
    if (redrive != null) {
      a.put("RedrivePolicy", redrive);
    }
    return a;
  }

  @Test
  void aMissingQueueIsCreatedWithItsAttributesAndTags() {
    QueuePlan p = QueuePlan.of(ORDERS, null, Map.of());
    assertThat(p.create()).isTrue();
    assertThat(p.attributes()).isEqualTo(ORDERS.attributes());
    assertThat(p.tag()).isEqualTo(ORDERS.tags());
    assertThat(p.describe()).isEqualTo("+ queue orders");
  }

  @Test
  void aQueueAsTheTemplateSaysChangesNothingWhateverTheCountOrJsonSpelling() throws Exception {
    QueuePlan p =
        QueuePlan.of(
            ORDERS,
            attributes(
                "60", "{\"maxReceiveCount\":\"3\", \"deadLetterTargetArn\":\"" + DLQ + "\"}"),
            Map.of("team", "shop"));
    assertThat(p.changes()).isFalse();
  }

  @Test
  void differingAttributesAreSetAndLeftOutOnesGoBackToTheDefault() throws Exception {
    var current = (com.fasterxml.jackson.databind.node.ObjectNode) attributes("30", null);
    current.put("DelaySeconds", "5");
    QueuePlan p = QueuePlan.of(ORDERS, current, Map.of("team", "old", "gone", "x"));
    assertThat(p.attributes())
        .containsOnly(
            Map.entry("VisibilityTimeout", "60"),
            Map.entry("DelaySeconds", "0"),
            Map.entry("RedrivePolicy", ORDERS.attributes().get("RedrivePolicy")));
    assertThat(p.tag()).containsExactly(Map.entry("team", "shop"));
    assertThat(p.untag()).containsExactly("gone");
    assertThat(p.describe())
        .startsWith("~ queue orders: ")
        .contains("VisibilityTimeout 30 → 60", "DelaySeconds 5 → 0", "RedrivePolicy (none) → {");
  }

  @Test
  void aRedrivePolicyTheTemplateDropsIsRemoved() throws Exception {
    SamQueue plain =
        new SamQueue("Q", "q", Map.of(), Map.of(), "arn:aws:sqs:us-east-1:0:q", "http://h/0/q");
    QueuePlan p =
        QueuePlan.of(
            plain,
            attributes("30", "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":3}"),
            Map.of());
    assertThat(p.attributes()).containsExactly(Map.entry("RedrivePolicy", ""));
  }
}
