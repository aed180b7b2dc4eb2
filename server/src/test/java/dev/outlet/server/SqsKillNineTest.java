package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ServedOutlet;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages SQS acknowledged survive a {@code kill -9} of Outlet, and so does the invisibility of
 * those received and not deleted.
 */
class SqsKillNineTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void acknowledgedMessagesAndTheirVisibilitySurviveAKillNine() throws Exception {
    AwsCli.assumeInstalled();
    ServedOutlet first = ServedOutlet.start(data);
    String url;
    try {
      AwsCli aws = new AwsCli(first.endpoint(), work.resolve("cli1"));
      url = aws.ok("sqs", "create-queue", "--queue-name", "kept").get("QueueUrl").asText();
      for (int i = 0; i < 5; i++) {
        aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "m" + i);
      }
      JsonNode taken =
          aws.ok(
              "sqs",
              "receive-message",
              "--queue-url",
              url,
              "--visibility-timeout",
              "600",
              "--max-number-of-messages",
              "2");
      assertThat(taken.get("Messages")).hasSize(2);
    } finally {
      first.killNine();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(second.endpoint(), work.resolve("cli2"));
      String again =
          aws.ok("sqs", "get-queue-url", "--queue-name", "kept").get("QueueUrl").asText();
      JsonNode counters =
          aws.ok("sqs", "get-queue-attributes", "--queue-url", again, "--attribute-names", "All")
              .get("Attributes");
      assertThat(counters.get("ApproximateNumberOfMessages").asText()).isEqualTo("3");
      assertThat(counters.get("ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("2");
      Set<String> bodies = new HashSet<>();
      for (int i = 0; i < 5 && bodies.size() < 3; i++) {
        aws.ok("sqs", "receive-message", "--queue-url", again, "--max-number-of-messages", "10")
            .path("Messages")
            .forEach(m -> bodies.add(m.get("Body").asText()));
      }
      assertThat(bodies).hasSize(3).allMatch(b -> b.matches("m[0-4]"));
    } finally {
      second.stop();
    }
  }

  @Test
  void aFifoQueuesDeduplicationAndGroupOrderSurviveAKillNine() throws Exception {
    AwsCli.assumeInstalled();
    ServedOutlet first = ServedOutlet.start(data);
    String url;
    String firstId;
    String lastSequence;
    try {
      AwsCli aws = new AwsCli(first.endpoint(), work.resolve("cli1"));
      url =
          aws.ok(
                  "sqs",
                  "create-queue",
                  "--queue-name",
                  "kept.fifo",
                  "--attributes",
                  "FifoQueue=true")
              .get("QueueUrl")
              .asText();
      JsonNode sent = null;
      String id = null;
      for (int i = 0; i < 4; i++) {
        sent =
            aws.ok(
                "sqs",
                "send-message",
                "--queue-url",
                url,
                "--message-body",
                "m" + i,
                "--message-group-id",
                "g",
                "--message-deduplication-id",
                "d" + i);
        id = id == null ? sent.get("MessageId").asText() : id;
      }
      firstId = id;
      lastSequence = sent.get("SequenceNumber").asText();
    } finally {
      first.killNine();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(second.endpoint(), work.resolve("cli2"));
      JsonNode duplicate =
          aws.ok(
              "sqs",
              "send-message",
              "--queue-url",
              url,
              "--message-body",
              "m0",
              "--message-group-id",
              "g",
              "--message-deduplication-id",
              "d0");
      assertThat(duplicate.get("MessageId").asText()).isEqualTo(firstId);
      JsonNode fresh =
          aws.ok(
              "sqs",
              "send-message",
              "--queue-url",
              url,
              "--message-body",
              "m4",
              "--message-group-id",
              "g",
              "--message-deduplication-id",
              "d4");
      assertThat(fresh.get("SequenceNumber").asText()).isGreaterThan(lastSequence);
      JsonNode got =
          aws.ok("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10");
      assertThat(got.get("Messages"))
          .extracting(m -> m.get("Body").asText())
          .containsExactly("m0", "m1", "m2", "m3", "m4");
    } finally {
      second.stop();
    }
  }
}
