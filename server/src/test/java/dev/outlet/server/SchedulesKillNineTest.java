package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule and its target acknowledged by the EventBridge API survive a {@code kill -9}. */
class SchedulesKillNineTest {
  private static final Pattern READY = Pattern.compile("Outlet ready at (http://\\S+)");

  @TempDir Path data;

  private record Served(Process process, String endpoint) {}

  private Served serve() throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.outlet.server.Main",
                    "serve",
                    "--port",
                    "0",
                    "--data-dir",
                    data.toString()))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String endpoint =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    for (String line; (line = out.readLine()) != null; ) {
                      Matcher m = READY.matcher(line);
                      if (m.find()) {
                        return m.group(1);
                      }
                    }
                    return null;
                  } catch (IOException e) {
                    return null;
                  }
                })
            .orTimeout(60, TimeUnit.SECONDS)
            .join();
    assertThat(endpoint).as("ready line").isNotNull();
    Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {}));
    return new Served(p, endpoint);
  }

  @Test
  void anAcknowledgedRuleAndTargetSurviveAKillNine() throws Exception {
    Served first = serve();
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
    Served second = serve();
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
