package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp;
import dev.outlet.server.testkit.ServedOutlet;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule and its target acknowledged by the EventBridge API survive a {@code kill -9}. */
class SchedulesKillNineTest {
  @TempDir Path data;

  @Test
  void anAcknowledgedRuleAndTargetSurviveAKillNine() throws Exception {
    ServedOutlet first = ServedOutlet.start(data);
    try {
      AwsHttp events = new AwsHttp(first.endpoint(), "us-east-1");
      ObjectNode rule =
          JsonNodeFactory.instance
              .objectNode()
              .put("Name", "survivor")
              .put("ScheduleExpression", "cron(0/5 * * * ? *)");
      events.json11("events", "AWSEvents.PutRule", rule);
      ObjectNode targets = JsonNodeFactory.instance.objectNode().put("Rule", "survivor");
      targets
          .putArray("Targets")
          .addObject()
          .put("Id", "t")
          .put("Arn", "arn:aws:lambda:us-east-1:000000000000:function:f");
      events.json11("events", "AWSEvents.PutTargets", targets);
    } finally {
      first.process().destroyForcibly(); // SIGKILL
      assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsHttp events = new AwsHttp(second.endpoint(), "us-east-1");
      JsonNode described =
          events.json11(
              "events",
              "AWSEvents.DescribeRule",
              JsonNodeFactory.instance.objectNode().put("Name", "survivor"));
      assertThat(described.path("ScheduleExpression").asText()).isEqualTo("cron(0/5 * * * ? *)");
      JsonNode listed =
          events.json11(
              "events",
              "AWSEvents.ListTargetsByRule",
              JsonNodeFactory.instance.objectNode().put("Rule", "survivor"));
      assertThat(listed.path("Targets").get(0).path("Id").asText()).isEqualTo("t");
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
