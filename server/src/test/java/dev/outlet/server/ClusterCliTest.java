package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.invoke.ClaimedEventJournal;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PgStores;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Three {@code outlet serve --store postgresql://...} processes sharing one real PostgreSQL
 * (started by the test with Debian's {@code initdb}/{@code pg_ctl}), driven with {@code
 * /usr/bin/aws}: a function created on one node runs on the others, a change on one is seen by the
 * others, two nodes racing to create one function, a node killed with -9 marked down, and functions
 * that outlive every node; an Event invocation under way on a node killed with -9 runs again on one
 * other node, once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER = "lambda_function.lambda_handler";

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
      ServedOutlet node = nodes.get(i);
      clis.add(new AwsCli(node.endpoint(), root.resolve("cli" + i)));
      assertThat(node.lines()).anyMatch(l -> l.startsWith("cluster: node "));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  private static byte[] handler(String version) {
    return TestZips.zip()
        .file(
            "lambda_function.py",
            """
            import json
            import os

            def lambda_handler(event, context):
                print("version %s on", os.environ["AWS_LAMBDA_FUNCTION_NAME"])
                return {"statusCode": 200, "body": json.dumps({"got": event, "version": "%s"})}
            """
                .formatted(version, version),
            0644)
        .bytes();
  }

  /** The body of a greeter-shaped answer ({@code statusCode} and {@code body}). */
  private static JsonNode invoke(int node, String target, String payload) throws IOException {
    return JSON.readTree(output(node, target, payload).get("body").asText());
  }

  /** {@code aws lambda invoke} on node {@code node}: what the function returned. */
  private static JsonNode output(int node, String target, String payload) throws IOException {
    Path out = root.resolve("out-" + node + "-" + System.nanoTime() + ".json");
    clis.get(node)
        .ok(
            "lambda",
            "invoke",
            "--function-name",
            target,
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            payload,
            out.toString());
    return JSON.readTree(out.toFile());
  }

  @Test
  @Order(1)
  void aFunctionCreatedOnOneNodeRunsOnEveryNode() throws IOException {
    JsonNode created =
        new CliFunctions(clis.get(0), root.resolve("zips"))
            .create("greeter", "python3.11", HANDLER, handler("one"), "--tags", "team=payments");
    String sha = created.get("CodeSha256").asText();
    for (int n = 1; n < 3; n++) {
      JsonNode got = clis.get(n).ok("lambda", "get-function", "--function-name", "greeter");
      assertThat(got.get("Configuration").get("CodeSha256").asText()).isEqualTo(sha);
      assertThat(got.get("Tags").get("team").asText()).isEqualTo("payments");
      // this node never saw the package: it fetches it from the database, checked by its digest
      JsonNode body = invoke(n, "greeter", "{\"node\":" + n + "}");
      assertThat(body.get("got").get("node").asInt()).isEqualTo(n);
      assertThat(body.get("version").asText()).isEqualTo("one");
    }
  }

  @Test
  @Order(2)
  void aChangeOnOneNodeIsSeenByTheOthers() throws IOException {
    Path zip = root.resolve("greeter-two.zip");
    Files.write(zip, handler("two"));
    clis.get(1)
        .ok(
            "lambda",
            "update-function-code",
            "--function-name",
            "greeter",
            "--zip-file",
            "fileb://" + zip);
    String version =
        clis.get(1)
            .ok("lambda", "publish-version", "--function-name", "greeter")
            .get("Version")
            .asText();
    clis.get(1)
        .ok(
            "lambda",
            "create-alias",
            "--function-name",
            "greeter",
            "--name",
            "live",
            "--function-version",
            version);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(invoke(2, "greeter:live", "{}").get("version").asText())
                    .isEqualTo("two"));
    assertThat(invoke(0, "greeter", "{}").get("version").asText()).isEqualTo("two");
    JsonNode versions =
        clis.get(0).ok("lambda", "list-versions-by-function", "--function-name", "greeter");
    assertThat(versions.get("Versions")).hasSize(2);

    clis.get(0).ok("lambda", "delete-function", "--function-name", "greeter");
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        clis.get(2).fails("lambda", "get-function", "--function-name", "greeter"))
                    .contains("ResourceNotFoundException"));
  }

  @Test
  @Order(3)
  void ofTwoNodesRacingToCreateOneFunctionOneWins() throws Exception {
    Path zip = root.resolve("race.zip");
    Files.write(zip, handler("race"));
    for (int round = 0; round < 3; round++) {
      String name = "race-" + round;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<AwsCli.Run>> runs = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        AwsCli cli = clis.get(n);
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return cli.run(
                      "lambda",
                      "create-function",
                      "--function-name",
                      name,
                      "--runtime",
                      "python3.11",
                      "--handler",
                      HANDLER,
                      "--role",
                      TestServer.ROLE,
                      "--zip-file",
                      "fileb://" + zip);
                }));
      }
      go.countDown();
      List<AwsCli.Run> done = runs.stream().map(CompletableFuture::join).toList();
      assertThat(done.stream().filter(r -> r.exit() == 0)).as("winners").hasSize(1);
      AwsCli.Run loser = done.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
      assertThat(loser.err())
          .contains("ResourceConflictException")
          .contains("Function already exist: " + name);
    }
  }

  @Test
  @Order(4)
  void aReservedConcurrencyOfTenHitFromThreeNodesAtOnceNeverRunsMoreThanTen() throws Exception {
    new CliFunctions(clis.get(0), root.resolve("zips"))
        .create("ten", "python3.11", HANDLER, BUSY, "--timeout", "30");
    clis.get(0)
        .ok(
            "lambda",
            "put-function-concurrency",
            "--function-name",
            "ten",
            "--reserved-concurrent-executions",
            "10");
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        clis.get(2)
                            .ok("lambda", "get-function-concurrency", "--function-name", "ten")
                            .get("ReservedConcurrentExecutions")
                            .asInt())
                    .isEqualTo(10));
    List<LambdaClient> sdks = new ArrayList<>();
    for (ServedOutlet n : nodes) {
      sdks.add(TestServer.client(n.endpoint()));
    }
    int calls = 30;
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Object>> results = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(calls)) {
      for (int i = 0; i < calls; i++) {
        LambdaClient sdk = sdks.get(i % 3);
        results.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    InvokeResponse r =
                        sdk.invoke(
                            b -> b.functionName("ten").payload(SdkBytes.fromUtf8String("{}")));
                    return JSON.readTree(r.payload().asUtf8String());
                  } catch (TooManyRequestsException e) {
                    return e;
                  } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                },
                callers));
      }
      go.countDown();
    }
    List<JsonNode> ran = new ArrayList<>();
    List<TooManyRequestsException> throttled = new ArrayList<>();
    for (CompletableFuture<Object> r : results) {
      Object o = r.join();
      if (o instanceof JsonNode j) {
        ran.add(j);
      } else {
        throttled.add((TooManyRequestsException) o);
      }
    }
    sdks.forEach(LambdaClient::close);
    assertThat(ran.size() + throttled.size()).isEqualTo(calls);
    assertThat(mostAtOnce(ran))
        .as("invocations running at once across the cluster")
        .isBetween(1, 10);
    assertThat(throttled)
        .as("%d ran", ran.size())
        .allSatisfy(
            t -> {
              assertThat(t.statusCode()).isEqualTo(429);
              assertThat(t.reasonAsString())
                  .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
            });
  }

  /** Each run's [start, end) in the function's clock: the most that overlapped. */
  private static int mostAtOnce(List<JsonNode> runs) {
    List<double[]> edges = new ArrayList<>();
    for (JsonNode r : runs) {
      edges.add(new double[] {r.get("start").asDouble(), 1});
      edges.add(new double[] {r.get("end").asDouble(), -1});
    }
    edges.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
    int now = 0;
    int most = 0;
    for (double[] e : edges) {
      now += (int) e[1];
      most = Math.max(most, now);
    }
    return most;
  }

  private static final byte[] BUSY =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import time

              def lambda_handler(event, context):
                  start = time.time()
                  time.sleep(4)
                  return {"start": start, "end": time.time()}
              """,
              0644)
          .bytes();

  @Test
  @Order(5)
  void aDrainedNodeAnswers503FinishesWhatItRunsAndSaysWhenItIsDone() throws Exception {
    ServedOutlet node = nodes.get(1);
    String id = Clusters.nodeId(node);
    assertThat(ready(node)).isEqualTo(200);
    CompletableFuture<JsonNode> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return output(1, "ten", "{}"); // 4 s
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Awaitility.await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> column(Clusters.status(store), id, 5).equals("1"));

    StringWriter out = new StringWriter();
    CommandLine drain = Main.commandLine("drain");
    drain.setOut(new PrintWriter(out));
    assertThat(drain.execute("drain", id, "--store", store, "--wait")).isZero();
    assertThat(running).as("--wait returns once what ran has finished").isDone();
    assertThat(running.join().get("start")).isNotNull();
    assertThat(out.toString()).contains("node " + id + " draining").contains("drained");

    assertThat(ready(node)).as("a load balancer sends it no more").isEqualTo(503);
    assertThat(ready(nodes.get(0))).isEqualTo(200);
    String table = Clusters.status(store);
    assertThat(column(table, id, 2)).isEqualTo("DRAINING");
    assertThat(column(table, id, 5)).isEqualTo("0");
    assertThat(Integer.parseInt(column(table, id, 6))).as("warm sandboxes").isPositive();
    assertThat(table).containsPattern("(?m)^ten +.*" + id + " \\d+.* +\\d+$");
    assertThat(output(1, "ten", "{}").get("start"))
        .as("what still reaches it is served")
        .isNotNull();
  }

  /** The status code of a node's readiness check. */
  private static int ready(ServedOutlet node) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(node.endpoint() + EdgeRouter.READY))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  /** Column {@code c} (from 0) of node {@code id}'s row in the status table. */
  private static String column(String table, String id, int c) {
    return table
        .lines()
        .filter(l -> l.startsWith(id + " "))
        .findFirst()
        .map(l -> l.split(" {2,}")[c])
        .orElseThrow(() -> new AssertionError("no row for " + id + " in\n" + table));
  }

  @Test
  @Order(6)
  void aNodeKilledWithMinusNineDuringAnEventIsMarkedDownAndItsEventRunsOnceElsewhere()
      throws Exception {
    CliFunctions functions = new CliFunctions(clis.get(0), root.resolve("zips"));
    functions.create("survivor", "python3.11", HANDLER, handler("kept"));
    functions.create("slow", "python3.11", HANDLER, SLOW, "--timeout", "60");
    assertThat(invoke(2, "survivor", "{}").get("version").asText()).isEqualTo("kept");
    String marker = "m" + System.nanoTime();
    JsonNode accepted =
        clis.get(2)
            .ok(
                "lambda",
                "invoke",
                "--function-name",
                "slow",
                "--invocation-type",
                "Event",
                "--cli-binary-format",
                "raw-in-base64-out",
                "--payload",
                "{\"marker\":\"" + marker + "\"}",
                root.resolve("event-out.json").toString());
    assertThat(accepted.get("StatusCode").asInt()).isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> logged(2, "started", marker) == 1);
    String killed = Clusters.nodeId(nodes.get(2));
    nodes.get(2).killNine(); // in the middle of its 6 s

    Awaitility.await()
        .atMost(ClusterNode.TIMEOUT.plus(ClusterNode.BEAT.multipliedBy(3)))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(Clusters.status(store)).containsPattern(killed + " +\\S+ +DOWN "));
    String table = Clusters.status(store);
    assertThat(table).startsWith("NODE").contains("CAPACITY").contains("LAST BEAT");
    assertThat(table).containsPattern(Clusters.nodeId(nodes.get(0)) + " +\\S+ +ACTIVE ");
    assertThat(table)
        .as("drained by the test before")
        .containsPattern(Clusters.nodeId(nodes.get(1)) + " +\\S+ +DRAINING ");
    assertThat(invoke(1, "survivor", "{}").get("version").asText()).isEqualTo("kept");

    // the killed node's lease on the event runs out; one survivor takes it and runs it to the end
    Awaitility.await()
        .atMost(
            ClaimedEventJournal.LEASE
                .plus(ClaimedEventJournal.RENEW_EVERY.multipliedBy(2))
                .plusSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> logged(0, "finished", marker) == 1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> heldEvents() == 0);
    Thread.sleep(ClaimedEventJournal.RENEW_EVERY.multipliedBy(2).toMillis() + 1_000);
    // the logs are the cluster's: each node reads the killed node's start and the survivor's run
    for (int node : List.of(0, 1)) {
      assertThat(logged(node, "started", marker))
          .as("started on the killed node, then taken over by one node, once (read on %d)", node)
          .isEqualTo(2);
      assertThat(logged(node, "finished", marker)).as("read on %d", node).isEqualTo(1);
    }
  }

  private static final byte[] SLOW =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import time

              def lambda_handler(event, context):
                  print("started", event["marker"], flush=True)
                  time.sleep(6)
                  print("finished", event["marker"], flush=True)
                  return {"ok": True}
              """,
              0644)
          .bytes();

  /** How many of the log events of {@code slow}, read on node {@code node}, have both words. */
  private static int logged(int node, String word, String marker) {
    return Clusters.logged(
            clis.get(node), "/aws/lambda/slow", "\"" + word + "\" \"" + marker + "\"")
        .size();
  }

  /** Accepted Event invocations not settled, in the cluster's shared queue. */
  private static int heldEvents() throws Exception {
    PostgresUrl url = PostgresUrl.parse(store);
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM "
                        + PgStores.schemaOf("us-east-1")
                        + ".claims WHERE queue = 'events'")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  @Order(7)
  void functionsOutliveEveryNodeAndANewNodeServesThem() throws Exception {
    for (ServedOutlet n : nodes) {
      if (n.process().isAlive()) {
        n.stop();
      }
    }
    assertThat(Clusters.status(store)).as("stopped nodes leave at once").doesNotContain("ACTIVE");
    ServedOutlet fresh = ServedOutlet.start(root.resolve("fresh"), List.of("--store", store));
    nodes.add(fresh);
    assertThat(fresh.lines()).anyMatch(l -> l.contains("(data ") && l.contains(", 6 functions,"));
    AwsCli cli = new AwsCli(fresh.endpoint(), root.resolve("cli-fresh"));
    clis.set(0, cli);
    assertThat(invoke(0, "survivor", "{}").get("version").asText()).isEqualTo("kept");
  }
}
