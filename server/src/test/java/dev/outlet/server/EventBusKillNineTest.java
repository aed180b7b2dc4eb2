package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.PrintedJson;
import dev.outlet.server.testkit.ServedOutlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event {@code PutEvents} acknowledged for a rule's Lambda target survives a {@code kill -9} of
 * Outlet before the function finished with it: its invocation was journaled before the answer, so
 * the next start runs it.
 */
class EventBusKillNineTest {
  /** Slow enough that the kill comes first. */
  private static final String HANDLER =
      """
      import json
      import time

      def lambda_handler(event, context):
          time.sleep(3)
          print("HANDLED " + json.dumps(event["detail"]))
      """;

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void anAcknowledgedEventReachesItsTargetAfterAKillNine() throws Exception {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    ServedOutlet first = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(first.endpoint(), work.resolve("cli1"));
      Path src = Files.createDirectories(work.resolve("src"));
      Files.writeString(src.resolve("lambda_function.py"), HANDLER);
      new CliFunctions(aws, work.resolve("zips"))
          .create(
              "handler",
              "python3.11",
              "lambda_function.lambda_handler",
              FunctionFolders.zip(src),
              "--timeout",
              "10");
      aws.ok(
          "events", "put-rule", "--name", "orders", "--event-pattern", "{\"source\":[\"shop\"]}");
      aws.ok(
          "events",
          "put-targets",
          "--rule",
          "orders",
          "--targets",
          "Id=1,Arn=arn:aws:lambda:us-east-1:000000000000:function:handler");
      JsonNode put =
          aws.ok(
              "events",
              "put-events",
              "--entries",
              "[{\"Source\":\"shop\",\"DetailType\":\"Order\",\"Detail\":\"{\\\"id\\\":42}\"}]");
      assertThat(put.get("FailedEntryCount").asInt()).isZero();
    } finally {
      first.killNine();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(second.endpoint(), work.resolve("cli2"));
      List<JsonNode> handled =
          PrintedJson.await(aws, "handler", "HANDLED ", 1, Duration.ofSeconds(40));
      assertThat(handled).hasSize(1);
      assertThat(handled.get(0).get("id").asInt()).isEqualTo(42);
    } finally {
      second.stop();
    }
  }
}
