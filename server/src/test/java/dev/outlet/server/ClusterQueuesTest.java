package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's SQS queues and event source mappings: three {@code outlet serve --store
 * postgresql://...} nodes on one real PostgreSQL, driven with {@code /usr/bin/aws}, in order (the
 * last test kills the node that owns the queues):
 *
 * <ol>
 *   <li>a queue made through one node is one queue on all: a message sent through a second is
 *       received through the third, deleted through the first, and counted the same on each;
 *   <li>a mapping made through one node is listed on all, and a message sent through any reaches
 *       the function; an {@code Event} invocation's destination queue, sent to by a node that does
 *       not own the queues, gets the record;
 *   <li>the node that owns the queues drained ({@code outlet drain}): another node takes them, and
 *       the drained node relays to it;
 *   <li>the node that owns the queues killed with -9 during a batch: the last node takes the queues
 *       over and the batch comes back after its visibility timeout, runs again and is deleted.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterQueuesTest {
  /**
   * A handler as AWS's documentation writes one for an SQS event source: it prints each record's
   * body and receive count; a body {@code slow} received the first time takes 12 s.
   */
  private static final byte[] CONSUMER =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import time

              def lambda_handler(event, context):
                  for record in event["Records"]:
                      count = record["attributes"]["ApproximateReceiveCount"]
                      print("got", record["messageId"], record["body"], "receive", count)
                      if record["body"] == "slow" and count == "1":
                          time.sleep(12)
                  return {"batchItemFailures": []}
              """,
              0644)
          .bytes();

  private static final Duration SOON = Duration.ofSeconds(20);

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
    nodes.addAll(Clusters.startThree(root, store));
    for (int i = 0; i < 3; i++) {
      clis.add(new AwsCli(nodes.get(i).endpoint(), root.resolve("cli" + i)));
    }
    CliFunctions functions = new CliFunctions(clis.get(0), root.resolve("zips"));
    functions.create("consumer", "python3.11", Clusters.HANDLER, CONSUMER, "--timeout", "15");
    functions.create("hello", "python3.11", Clusters.HANDLER, Clusters.HELLO);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  @Test
  @Order(0)
  void aQueueMadeThroughOneNodeIsOneQueueOnEveryNode() throws Exception {
    String url =
        clis.get(1).ok("sqs", "create-queue", "--queue-name", "shared").get("QueueUrl").asText();
    for (AwsCli cli : clis) {
      assertThat(cli.ok("sqs", "get-queue-url", "--queue-name", "shared").get("QueueUrl").asText())
          .endsWith("/000000000000/shared");
    }
    String id =
        clis.get(2)
            .ok("sqs", "send-message", "--queue-url", url, "--message-body", "hello from node 2")
            .get("MessageId")
            .asText();
    JsonNode received =
        clis.get(0)
            .ok(
                "sqs",
                "receive-message",
                "--queue-url",
                url,
                "--wait-time-seconds",
                "5",
                "--visibility-timeout",
                "30");
    JsonNode message = received.get("Messages").get(0);
    assertThat(message.get("MessageId").asText()).isEqualTo(id);
    assertThat(message.get("Body").asText()).isEqualTo("hello from node 2");
    for (AwsCli cli : clis) {
      assertThat(counts(cli, url)).as("visible, in flight").containsExactly("0", "1");
    }
    clis.get(1)
        .ok(
            "sqs",
            "delete-message",
            "--queue-url",
            url,
            "--receipt-handle",
            message.get("ReceiptHandle").asText());
    assertThat(counts(clis.get(2), url)).containsExactly("0", "0");
    assertThat(clis.get(0).fails("sqs", "create-queue", "--queue-name", "bad name!"))
        .contains("InvalidParameterValue");

    // a request another node already relayed is never relayed again: served by the owner only
    for (ServedOutlet node : nodes) {
      java.net.http.HttpResponse<String> r = listQueuesRelayed(node);
      if (node == owner()) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/000000000000/shared");
      } else {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("ServiceUnavailable");
      }
    }
  }

  /** {@code ListQueues} (AWS JSON 1.0, unsigned) sent to {@code node} as if relayed to it. */
  private static java.net.http.HttpResponse<String> listQueuesRelayed(ServedOutlet node)
      throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.endpoint() + "/"))
              .header("Content-Type", "application/x-amz-json-1.0")
              .header("X-Amz-Target", "AmazonSQS.ListQueues")
              .header(QueueRelay.RELAYED, "1")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  @Order(1)
  void aMappingMadeThroughOneNodeRunsTheFunctionForMessagesSentThroughAny() throws Exception {
    String url =
        clis.get(0)
            .ok(
                "sqs",
                "create-queue",
                "--queue-name",
                "work",
                "--attributes",
                "VisibilityTimeout=20")
            .get("QueueUrl")
            .asText();
    String arn = "arn:aws:sqs:us-east-1:000000000000:work";
    String uuid =
        clis.get(2)
            .ok(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                "consumer",
                "--event-source-arn",
                arn,
                "--batch-size",
                "1")
            .get("UUID")
            .asText();
    for (AwsCli cli : clis) {
      assertThat(
              cli.ok("lambda", "get-event-source-mapping", "--uuid", uuid)
                  .get("EventSourceArn")
                  .asText())
          .isEqualTo(arn);
    }
    for (int i = 0; i < 3; i++) {
      clis.get(i).ok("sqs", "send-message", "--queue-url", url, "--message-body", "via-" + i);
    }
    Awaitility.await()
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(
                        Clusters.logged(clis.get(1), "/aws/lambda/consumer", "got").stream()
                            .map(l -> l.split(" ")[2])
                            .sorted()
                            .toList())
                    .containsExactly("via-0", "via-1", "via-2"));

    // a destination sent to by a node that does not own the queues: posted, then sent by the owner
    String results =
        clis.get(0).ok("sqs", "create-queue", "--queue-name", "results").get("QueueUrl").asText();
    int other = nodes.indexOf(notOwner());
    clis.get(other)
        .ok(
            "lambda",
            "put-function-event-invoke-config",
            "--function-name",
            "hello",
            "--destination-config",
            "{\"OnSuccess\":{\"Destination\":\"arn:aws:sqs:us-east-1:000000000000:results\"}}");
    clis.get(other)
        .ok(
            "lambda",
            "invoke",
            "--function-name",
            "hello",
            "--invocation-type",
            "Event",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"name\":\"destination\"}",
            root.resolve("event-out.json").toString());
    Awaitility.await()
        .atMost(SOON)
        .untilAsserted(
            () -> {
              JsonNode got =
                  clis.get(other)
                      .ok(
                          "sqs",
                          "receive-message",
                          "--queue-url",
                          results,
                          "--wait-time-seconds",
                          "2");
              assertThat(got.get("Messages")).isNotNull();
              assertThat(got.get("Messages").get(0).get("Body").asText())
                  .contains("destination", "Success");
            });
  }

  @Test
  @Order(2)
  void aDrainedOwnerHandsTheQueuesToAnotherNodeAndStillRelaysToIt() throws Exception {
    ServedOutlet drained = owner();
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine drain = Main.commandLine("drain");
    drain.setOut(new java.io.PrintWriter(out));
    assertThat(drain.execute("drain", Clusters.nodeId(drained), "--store", store)).isZero();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> owner() != drained);
    AwsCli through = clis.get(nodes.indexOf(drained));
    String url =
        through.ok("sqs", "create-queue", "--queue-name", "after-drain").get("QueueUrl").asText();
    through.ok("sqs", "send-message", "--queue-url", url, "--message-body", "kept");
    assertThat(counts(clis.get(nodes.indexOf(owner())), url)).containsExactly("1", "0");
  }

  @Test
  @Order(3)
  void theOwnerKilledDuringABatchAnotherNodeTakesTheQueuesAndTheBatchComesBack() throws Exception {
    String url =
        clis.get(0).ok("sqs", "get-queue-url", "--queue-name", "work").get("QueueUrl").asText();
    ServedOutlet owner = owner();
    clis.get(nodes.indexOf(notOwner()))
        .ok("sqs", "send-message", "--queue-url", url, "--message-body", "slow");
    Awaitility.await()
        .atMost(SOON)
        .until(() -> Clusters.logged(clis.get(0), "/aws/lambda/consumer", "slow").size() == 1);
    long killed = System.nanoTime();
    owner.killNine();
    int at = nodes.indexOf(owner);
    List<AwsCli> survivors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (i != at) {
        survivors.add(clis.get(i));
      }
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(45))
        .untilAsserted(
            () ->
                assertThat(Clusters.logged(survivors.get(0), "/aws/lambda/consumer", "slow"))
                    .anySatisfy(l -> assertThat(l).contains("slow receive 2")));
    // not before the visibility timeout (20 s from the receive, which came before the kill)
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isGreaterThan(Duration.ofSeconds(10));
    for (AwsCli cli : survivors) {
      Awaitility.await()
          .atMost(SOON)
          .untilAsserted(() -> assertThat(counts(cli, url)).containsExactly("0", "0"));
    }
    assertThat(Clusters.logged(survivors.get(1), "/aws/lambda/consumer", "slow"))
        .filteredOn(l -> l.contains("slow receive"))
        .hasSize(2);
    ServedOutlet taken = owner();
    assertThat(taken).isNotSameAs(owner);
    assertThat(Clusters.status(store))
        .as("cluster status names the node that owns the queues now")
        .contains("QUEUES OWNED BY")
        .containsPattern(
            "(?m)^us-east-1 .*" + java.util.regex.Pattern.quote(Clusters.nodeId(taken)) + "$");
  }

  /** The queue's messages visible and in flight, as {@code get-queue-attributes} counts them. */
  private static List<String> counts(AwsCli cli, String url) {
    JsonNode attributes =
        cli.ok(
                "sqs",
                "get-queue-attributes",
                "--queue-url",
                url,
                "--attribute-names",
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible")
            .get("Attributes");
    return List.of(
        attributes.get("ApproximateNumberOfMessages").asText(),
        attributes.get("ApproximateNumberOfMessagesNotVisible").asText());
  }

  /** The node whose API address the queues' owner row names. */
  private static ServedOutlet owner() throws Exception {
    PostgresUrl url = PostgresUrl.parse(store);
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT address FROM "
                    + dev.outlet.postgres.PgStores.schemaOf("us-east-1")
                    + ".queue_owner")) {
      assertThat(r.next()).as("an owner of the queues").isTrue();
      String address = r.getString(1);
      return nodes.stream()
          .filter(n -> n.endpoint().endsWith("/" + address) || n.endpoint().endsWith(address))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no node at " + address));
    }
  }

  private static ServedOutlet notOwner() throws Exception {
    ServedOutlet owner = owner();
    return nodes.stream()
        .filter(n -> n != owner && n.process().isAlive())
        .findFirst()
        .orElseThrow();
  }
}
