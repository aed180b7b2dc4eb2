package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ServedOutlet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Messages SQS acknowledged survive a {@code kill -9} of Outlet, and so does the invisibility of
 * those received and not deleted; with many concurrent clients (whose writes share commits) every
 * acknowledged send survives and no acknowledged delete is undone.
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

  @Test
  void everySendAcknowledgedToConcurrentBatchSendersSurvivesAKillNineAndNoAcknowledgedDelete()
      throws Exception {
    ServedOutlet first = ServedOutlet.start(data);
    Set<String> sent = ConcurrentHashMap.newKeySet(); // bodies whose send was acknowledged
    Set<String> deleting = ConcurrentHashMap.newKeySet(); // bodies a delete was asked for
    Set<String> deleted = ConcurrentHashMap.newKeySet(); // bodies whose delete was acknowledged
    ExecutorService clients = Executors.newFixedThreadPool(SENDERS + DELETERS);
    try (SqsClient sqs = client(first.endpoint())) {
      String url = sqs.createQueue(b -> b.queueName("busy")).queueUrl();
      for (int t = 0; t < SENDERS; t++) {
        String sender = "s" + t;
        clients.execute(() -> send(sqs, url, sender, sent));
      }
      for (int t = 0; t < DELETERS; t++) {
        clients.execute(() -> receiveAndDelete(sqs, url, deleting, deleted));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sent.size() < 2_000 && System.nanoTime() < until) {
        Thread.sleep(20); // polls a condition with a deadline, not a synchronization
      }
      first.killNine(); // while every client is in the middle of its calls
    } finally {
      first.killNine();
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("clients ended").isTrue();
    }
    assertThat(sent).hasSizeGreaterThanOrEqualTo(100);
    Set<String> kept = new HashSet<>(sent);
    kept.removeAll(deleting); // a delete cut off by the kill may have been committed

    ServedOutlet second = ServedOutlet.start(data);
    try (SqsClient sqs = client(second.endpoint())) {
      String url = sqs.getQueueUrl(b -> b.queueName("busy")).queueUrl();
      Set<String> there = new HashSet<>();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      int empty = 0;
      while (System.nanoTime() < until) {
        List<Message> got =
            sqs.receiveMessage(
                    b ->
                        b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(600)
                            .waitTimeSeconds(2))
                .messages();
        empty = got.isEmpty() ? empty + 1 : 0;
        if ((empty > 0 && there.containsAll(kept)) || empty == 3) {
          break; // drained: the messages received before the kill are visible again by now
        }
        got.forEach(m -> there.add(m.body()));
      }
      assertThat(there).as("acknowledged sends").containsAll(kept);
      assertThat(there).as("acknowledged deletes").doesNotContainAnyElementsOf(deleted);
    } finally {
      second.stop();
    }
  }

  private static final int SENDERS = 8;
  private static final int DELETERS = 2;

  /** Sends batches of 10 until a call fails (the kill); records what was acknowledged. */
  private static void send(SqsClient sqs, String url, String sender, Set<String> sent) {
    try {
      for (int batch = 0; ; batch++) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          entries.add(
              SendMessageBatchRequestEntry.builder()
                  .id("e" + i)
                  .messageBody(sender + "-" + batch + "-" + i)
                  .build());
        }
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        for (var ok : r.successful()) {
          sent.add(entries.get(Integer.parseInt(ok.id().substring(1))).messageBody());
        }
      }
    } catch (RuntimeException killed) {
      // the server is gone: what was acknowledged is recorded
    }
  }

  /**
   * Receives and deletes until a call fails (the kill); records the deletes asked for and those
   * acknowledged.
   */
  private static void receiveAndDelete(
      SqsClient sqs, String url, Set<String> deleting, Set<String> deleted) {
    try {
      while (true) {
        List<Message> got =
            sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(1))
                .messages();
        if (got.isEmpty()) {
          continue;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
          entries.add(
              DeleteMessageBatchRequestEntry.builder()
                  .id("d" + i)
                  .receiptHandle(got.get(i).receiptHandle())
                  .build());
          deleting.add(got.get(i).body());
        }
        DeleteMessageBatchResponse r =
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        for (var ok : r.successful()) {
          deleted.add(got.get(Integer.parseInt(ok.id().substring(1))).body());
        }
      }
    } catch (RuntimeException killed) {
      // the server is gone: what was acknowledged is recorded
    }
  }

  private static SqsClient client(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(60))
                    .retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
