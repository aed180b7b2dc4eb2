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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of Outlet while a mapping's batch runs: after the restart the mapping polls
 * again, the batch's messages come back after their visibility timeout and run again, and each is
 * processed to the end once and deleted once; none is lost.
 */
class EventSourceMappingKillNineTest {
  private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:work";

  /** Prints the batch's bodies and receive counts when it starts and when it ends. */
  private static final String HANDLER =
      """
      import json
      import time

      def lambda_handler(event, context):
          seen = [[r["body"], r["attributes"]["ApproximateReceiveCount"]] for r in event["Records"]]
          print("BEGIN " + json.dumps(seen))
          time.sleep(8)
          print("FINISHED " + json.dumps(seen))
      """;

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void aBatchCutByAKillNineRunsAgainAfterTheRestartAndNothingIsLost() throws Exception {
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
              "worker",
              "python3.11",
              "lambda_function.lambda_handler",
              FunctionFolders.zip(src),
              "--timeout",
              "10");
      String url =
          aws.ok(
                  "sqs",
                  "create-queue",
                  "--queue-name",
                  "work",
                  "--attributes",
                  "VisibilityTimeout=12")
              .get("QueueUrl")
              .asText();
      aws.ok(
          "lambda",
          "create-event-source-mapping",
          "--function-name",
          "worker",
          "--event-source-arn",
          ARN,
          "--batch-size",
          "10",
          "--maximum-batching-window-in-seconds",
          "1");
      aws.ok(
          "sqs",
          "send-message-batch",
          "--queue-url",
          url,
          "--entries",
          "Id=0,MessageBody=job-0",
          "Id=1,MessageBody=job-1",
          "Id=2,MessageBody=job-2");
      List<JsonNode> started =
          PrintedJson.await(aws, "worker", "BEGIN ", 1, Duration.ofSeconds(30));
      assertThat(started).isNotEmpty();
      assertThat(PrintedJson.await(aws, "worker", "FINISHED ", 0, Duration.ZERO)).isEmpty();
    } finally {
      first.killNine();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(second.endpoint(), work.resolve("cli2"));
      List<String> ended = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (ended.size() < 3 && System.nanoTime() < until) {
        ended.clear();
        for (JsonNode batch : PrintedJson.await(aws, "worker", "FINISHED ", 0, Duration.ZERO)) {
          batch.forEach(m -> ended.add(m.get(0).asText() + "#" + m.get(1).asText()));
        }
        Thread.sleep(300);
      }
      // each message ran to the end once, on its second receive: the cut batch's own
      assertThat(ended).containsExactlyInAnyOrder("job-0#2", "job-1#2", "job-2#2");
      String again =
          aws.ok("sqs", "get-queue-url", "--queue-name", "work").get("QueueUrl").asText();
      long emptyBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      JsonNode counters;
      do {
        counters =
            aws.ok("sqs", "get-queue-attributes", "--queue-url", again, "--attribute-names", "All")
                .get("Attributes");
        Thread.sleep(200);
      } while (!counters.get("ApproximateNumberOfMessagesNotVisible").asText().equals("0")
          && System.nanoTime() < emptyBy);
      assertThat(counters.get("ApproximateNumberOfMessages").asText()).isEqualTo("0");
      assertThat(counters.get("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");
    } finally {
      second.stop();
    }
  }
}
