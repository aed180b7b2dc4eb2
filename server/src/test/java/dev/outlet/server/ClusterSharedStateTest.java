package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.net.URI;
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
 * What a cluster of three {@code outlet serve --store postgresql://...} nodes on one real
 * PostgreSQL shares beyond its functions, driven with {@code /usr/bin/aws} and curl, in order (the
 * later tests kill nodes):
 *
 * <ol>
 *   <li>a Function URL, an HTTP API and a permission made through one node are read and served
 *       through another, and a URL deleted through one stops answering on both;
 *   <li>a schedule made through two nodes fires once per tick in the cluster, on the node leading
 *       the schedules: that node killed with -9 before the tick, one of the others fires it, once;
 *   <li>provisioned concurrency is spread over the nodes left, never more in all, {@code READY} on
 *       any node, and moves to the last node when another is killed.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSharedStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A handler as AWS's documentation writes one for a Function URL (it answers the path asked); a
   * scheduled event it logs with its time.
   */
  private static final byte[] ECHO =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import json

              def lambda_handler(event, context):
                  if event.get("source") == "aws.events":
                      print("ticked", event["time"], event["resources"][0])
                  return {
                      "statusCode": 200,
                      "headers": {"Content-Type": "application/json"},
                      "body": json.dumps({"path": event.get("rawPath")}),
                  }
              """,
              0644)
          .bytes();

  /** A function whose init fails, saying so each time it is tried. */
  private static final byte[] BROKEN =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              print("init attempt")
              raise RuntimeError("no database configured")

              def lambda_handler(event, context):
                  return {}
              """,
              0644)
          .bytes();

  /** How soon a node serves what another wrote: a notification, with a wide margin. */
  private static final Duration SEEN = Duration.ofSeconds(5);

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();
  private static final List<Integer> alive = new ArrayList<>(List.of(0, 1, 2));

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    Curl.assumeInstalled();
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
    nodes.addAll(Clusters.startThree(root, store));
    for (int i = 0; i < 3; i++) {
      clis.add(new AwsCli(nodes.get(i).endpoint(), root.resolve("cli" + i)));
    }
    CliFunctions functions = new CliFunctions(clis.get(0), root.resolve("zips"));
    functions.create("echo", "python3.11", Clusters.HANDLER, ECHO);
    functions.create("hello", "python3.11", Clusters.HANDLER, Clusters.HELLO);
    functions.create("broken", "python3.11", Clusters.HANDLER, BROKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  private static void kill(int node) throws InterruptedException {
    nodes.get(node).killNine();
    alive.remove(Integer.valueOf(node));
  }

  @Test
  @Order(0)
  void anInvocationsLogsAndMetricsReadTheSameOnEveryNode() {
    clis.get(0)
        .ok(
            "lambda",
            "invoke",
            "--function-name",
            "hello",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"name\":\"logs\"}",
            root.resolve("logs-out.json").toString());
    // the REPORT line, wherever the invocation was placed, on each node (stored within
    // milliseconds; each look is three runs of the AWS CLI, a second or more each here)
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                List.of(0, 1, 2).stream()
                    .allMatch(
                        i ->
                            Clusters.logged(clis.get(i), "/aws/lambda/hello", "REPORT").size()
                                == 1));
    JsonNode streams =
        clis.get(1).ok("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/hello");
    assertThat(streams.get("logStreams")).hasSize(1);
    for (int i : List.of(0, 2)) {
      assertThat(
              clis.get(i)
                  .ok("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/hello")
                  .get("logStreams"))
          .as("the streams, listed on node %d", i)
          .isEqualTo(streams.get("logStreams"));
    }
    String stream = streams.get("logStreams").get(0).get("logStreamName").asText();
    assertThat(stream).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}");
    List<String> lines = new ArrayList<>();
    clis.get(2)
        .ok(
            "logs",
            "get-log-events",
            "--log-group-name",
            "/aws/lambda/hello",
            "--log-stream-name",
            stream,
            "--start-from-head")
        .get("events")
        .forEach(e -> lines.add(e.get("message").asText()));
    assertThat(lines).anyMatch(l -> l.startsWith("START RequestId: "));
    assertThat(lines).anyMatch(l -> l.startsWith("END RequestId: "));
    assertThat(lines).anyMatch(l -> l.startsWith("REPORT RequestId: "));
    JsonNode group =
        clis.get(2)
            .ok("logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/hello")
            .get("logGroups");
    assertThat(group.findValuesAsText("logGroupName")).containsExactly("/aws/lambda/hello");
    // and its metrics: each node's store has it within its flush interval (5 s)
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> List.of(0, 1, 2).stream().allMatch(i -> invocations(i, "hello") == 1));
  }

  /**
   * The sum of {@code function}'s Invocations over the last hour, as node {@code node} reads it.
   */
  private static double invocations(int node, String function) {
    java.time.Instant now = java.time.Instant.now();
    JsonNode points =
        clis.get(node)
            .ok(
                "cloudwatch",
                "get-metric-statistics",
                "--namespace",
                "AWS/Lambda",
                "--metric-name",
                "Invocations",
                "--dimensions",
                "Name=FunctionName,Value=" + function,
                "--start-time",
                now.minus(Duration.ofHours(1)).toString(),
                "--end-time",
                now.plus(Duration.ofMinutes(1)).toString(),
                "--period",
                "3600",
                "--statistics",
                "Sum")
            .get("Datapoints");
    double sum = 0;
    for (JsonNode p : points) {
      sum += p.get("Sum").asDouble();
    }
    return sum;
  }

  @Test
  @Order(1)
  void twoNodesRacingToCreateOneEventBusOrFunctionUrlOneWinsTheOtherIsTold() throws Exception {
    for (int round = 0; round < 3; round++) {
      String bus = "race-" + round;
      List<AwsCli.Run> runs =
          race(i -> clis.get(i).run("events", "create-event-bus", "--name", bus));
      assertThat(runs).filteredOn(r -> r.exit() == 0).as("winners").hasSize(1);
      assertThat(runs)
          .filteredOn(r -> r.exit() != 0)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.err())
                      .contains("ResourceAlreadyExistsException")
                      .contains("Event bus " + bus + " already exists."));
      clis.get(0).ok("events", "delete-event-bus", "--name", bus);
    }
    List<AwsCli.Run> urls =
        race(
            i ->
                clis.get(i)
                    .run(
                        "lambda",
                        "create-function-url-config",
                        "--function-name",
                        "hello",
                        "--auth-type",
                        "AWS_IAM"));
    assertThat(urls).filteredOn(r -> r.exit() == 0).as("winners").hasSize(1);
    assertThat(urls)
        .filteredOn(r -> r.exit() != 0)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.err())
                    .contains("ResourceConflictException")
                    .contains("FunctionUrlConfig exists for this Lambda function"));
    clis.get(2).ok("lambda", "delete-function-url-config", "--function-name", "hello");
  }

  /** The same call through nodes 0 and 1 at once (each a run of the AWS CLI). */
  private static List<AwsCli.Run> race(java.util.function.IntFunction<AwsCli.Run> call)
      throws Exception {
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<AwsCli.Run>> both = new ArrayList<>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i : List.of(0, 1)) {
        both.add(
            threads.submit(
                () -> {
                  go.await();
                  return call.apply(i);
                }));
      }
      go.countDown();
    }
    List<AwsCli.Run> out = new ArrayList<>();
    for (var f : both) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  @Order(1)
  void aFunctionUrlAndItsPermissionMadeOnOneNodeServeOnBothAndADeleteOnEitherEndsIt() {
    String url =
        clis.get(0)
            .ok(
                "lambda",
                "create-function-url-config",
                "--function-name",
                "echo",
                "--auth-type",
                "NONE")
            .get("FunctionUrl")
            .asText();
    clis.get(0)
        .ok(
            "lambda",
            "add-permission",
            "--function-name",
            "echo",
            "--statement-id",
            "FunctionURLAllowPublicAccess",
            "--action",
            "lambda:InvokeFunctionUrl",
            "--principal",
            "*",
            "--function-url-auth-type",
            "NONE");
    String onNode1 = onNode(url, 1);
    assertThat(onNode1).isNotEqualTo(url);

    Awaitility.await()
        .atMost(SEEN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Curl.run(onNode1 + "through/node1").status() == 200);
    assertThat(Curl.run(onNode1 + "through/node1").body()).contains("\"/through/node1\"");
    JsonNode config =
        clis.get(1).ok("lambda", "get-function-url-config", "--function-name", "echo");
    assertThat(config.get("FunctionUrl").asText())
        .as("the same URL, on the port of the node asked")
        .isEqualTo(onNode1);
    assertThat(config.get("AuthType").asText()).isEqualTo("NONE");
    JsonNode policy = clis.get(1).ok("lambda", "get-policy", "--function-name", "echo");
    assertThat(policy.get("Policy").asText()).contains("FunctionURLAllowPublicAccess");

    clis.get(1).ok("lambda", "delete-function-url-config", "--function-name", "echo");
    // an unknown URL is AWS's 403 AccessDeniedException
    assertThat(Curl.run(onNode1).status()).isEqualTo(403);
    Awaitility.await()
        .atMost(SEEN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Curl.run(url).status() == 403);
    assertThat(clis.get(0).fails("lambda", "get-function-url-config", "--function-name", "echo"))
        .contains("ResourceNotFoundException");
  }

  @Test
  @Order(2)
  void anHttpApiMadeOnOneNodeIsListedAndServedOnTheOtherUntilDeleted() {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:echo";
    JsonNode api =
        clis.get(1)
            .ok(
                "apigatewayv2",
                "create-api",
                "--name",
                "shared",
                "--protocol-type",
                "HTTP",
                "--target",
                arn);
    String id = api.get("ApiId").asText();
    String onNode0 = onNode(api.get("ApiEndpoint").asText(), 0);

    Awaitility.await()
        .atMost(SEEN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Curl.run(onNode0 + "/via/node0").status() == 200);
    assertThat(Curl.run(onNode0 + "/via/node0").body()).contains("\"/via/node0\"");
    assertThat(clis.get(0).ok("apigatewayv2", "get-apis").findValuesAsText("ApiId")).contains(id);
    JsonNode routes = clis.get(0).ok("apigatewayv2", "get-routes", "--api-id", id).get("Items");
    assertThat(routes).hasSize(1);
    assertThat(routes.get(0).get("RouteKey").asText()).isEqualTo("$default");

    clis.get(0).ok("apigatewayv2", "delete-api", "--api-id", id);
    Awaitility.await()
        .atMost(SEEN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Curl.run(api.get("ApiEndpoint").asText() + "/gone").status() == 404);
    assertThat(clis.get(1).fails("apigatewayv2", "get-api", "--api-id", id))
        .contains("NotFoundException");
  }

  @Test
  @Order(3)
  void aScheduleFiresOncePerTickOnTheLeaderAndAnotherNodeFiresItWhenTheLeaderIsKilled()
      throws Exception {
    clis.get(1)
        .ok(
            "events",
            "put-rule",
            "--name",
            "every-minute",
            "--schedule-expression",
            "cron(* * * * ? *)");
    clis.get(2)
        .ok(
            "events",
            "put-targets",
            "--rule",
            "every-minute",
            "--targets",
            "Id=t,Arn=arn:aws:lambda:us-east-1:000000000000:function:echo");
    JsonNode listed = clis.get(0).ok("events", "list-targets-by-rule", "--rule", "every-minute");
    assertThat(listed.findValuesAsText("Id")).containsExactly("t");

    int leader = scheduleLeader();
    assertThat(Clusters.status(store))
        .as("cluster status names the node that fires the region's schedules")
        .containsPattern(schedulesRow(leader));
    kill(leader);
    // the logs are the cluster's: a tick the leader fired before it died is read on every node
    int before = ticks(alive.get(0)).size();
    // the next minute: one of the two others takes the lead and fires it, once
    Awaitility.await()
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ticks(alive.get(0)).size() > before);
    Thread.sleep(3_000); // a second firing, were there one, would be logged by now
    List<String> fired = ticks(alive.get(0));
    assertThat(fired).as("one firing of the minute").hasSize(before + 1);
    assertThat(fired.getLast()).contains("arn:aws:events:us-east-1:000000000000:rule/every-minute");
    assertThat(ticks(alive.get(1))).as("the same logs, read on the other node").isEqualTo(fired);
    String status = Clusters.status(store);
    assertThat(
            java.util.regex.Pattern.compile(schedulesRow(alive.get(0))).matcher(status).find()
                || java.util.regex.Pattern.compile(schedulesRow(alive.get(1)))
                    .matcher(status)
                    .find())
        .as("the new leader in:%n%s", status)
        .isTrue();
    clis.get(alive.get(0)).ok("events", "remove-targets", "--rule", "every-minute", "--ids", "t");
  }

  /** The row of {@code cluster status} naming node {@code i} as the one firing schedules. */
  private static String schedulesRow(int i) {
    return "(?m)^us-east-1 +"
        + java.util.regex.Pattern.quote(Clusters.nodeId(nodes.get(i)))
        + "( |$)";
  }

  /**
   * The node whose process holds the schedules' lead (its session's advisory lock; the other lead
   * of the region, its queues', is told apart by its key).
   */
  private static int scheduleLeader() throws Exception {
    PostgresUrl url = PostgresUrl.parse(store);
    long key =
        dev.outlet.postgres.PgLeader.key(
            dev.outlet.postgres.PgScheduleGate.role("outlet_us_east_1"));
    String sql =
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = "
            + (key >>> 32)
            + " AND l.objid::bigint = "
            + (key & 0xffffffffL);
    List<String> holders = new ArrayList<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              holders.clear();
              try (Connection c =
                      DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                  Statement s = c.createStatement();
                  ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                  holders.add(r.getString(1));
                }
              }
              return holders.size() == 1;
            });
    for (int i = 0; i < nodes.size(); i++) {
      if (holders.getFirst().startsWith("outlet " + nodes.get(i).process().pid() + "@")) {
        return i;
      }
    }
    throw new AssertionError("the lead is held by no node: " + holders);
  }

  /** The {@code ticked} lines in the logs of {@code echo}, read on node {@code node}. */
  private static List<String> ticks(int node) {
    return Clusters.logged(clis.get(node), "/aws/lambda/echo", "ticked");
  }

  @Test
  @Order(4)
  void aProvisionedConfigurationIsSpreadOverTheNodesAndMovesOffANodeThatDies() throws Exception {
    int a = alive.get(0);
    int b = alive.get(1);
    String version = provision(a, b, "hello", 3);

    Awaitility.await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              List<Integer> p = provisioned(List.of(a, b), version);
              return p.get(0) + p.get(1) == 3;
            });
    assertThat(provisioned(List.of(a, b), version)).containsExactlyInAnyOrder(1, 2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(status(a, version)).isEqualTo("READY 3"));
    Thread.sleep(3 * ClusterNode.BEAT.toMillis());
    assertThat(provisioned(List.of(a, b), version))
        .as("no more than asked, after more beats")
        .containsExactlyInAnyOrder(1, 2);
    assertThat(warm(a) + warm(b)).as("live sandboxes of the function").isEqualTo(3);

    kill(a);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> provisioned(List.of(b), version).equals(List.of(3)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(status(b, version)).isEqualTo("READY 3"));
    JsonNode answer =
        clis.get(b)
            .ok(
                "lambda",
                "invoke",
                "--function-name",
                "hello:" + version,
                root.resolve("out.json").toString());
    assertThat(answer.get("StatusCode").asInt()).isEqualTo(200);

    // a configuration whose init fails is FAILED, and not tried again at every beat
    String broken = provision(b, b, "broken", 1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                clis.get(b)
                    .ok(
                        "lambda",
                        "get-provisioned-concurrency-config",
                        "--function-name",
                        "broken",
                        "--qualifier",
                        broken)
                    .get("Status")
                    .asText()
                    .equals("FAILED"));
    Thread.sleep(1_000); // the failed attempt's log line is stored
    int attempts = Clusters.logged(clis.get(b), "/aws/lambda/broken", "\"init attempt\"").size();
    assertThat(attempts).isPositive();
    Thread.sleep(3 * ClusterNode.BEAT.toMillis());
    assertThat(Clusters.logged(clis.get(b), "/aws/lambda/broken", "\"init attempt\"").size())
        .as("init attempts after three more beats")
        .isEqualTo(attempts);
  }

  /**
   * Publishes a version of {@code function} through node {@code publisher} and puts {@code n}
   * provisioned environments on it through node {@code configurer}; the version.
   */
  private static String provision(int publisher, int configurer, String function, int n) {
    String version =
        clis.get(publisher)
            .ok("lambda", "publish-version", "--function-name", function)
            .get("Version")
            .asText();
    clis.get(configurer)
        .ok(
            "lambda",
            "put-provisioned-concurrency-config",
            "--function-name",
            function,
            "--qualifier",
            version,
            "--provisioned-concurrent-executions",
            Integer.toString(n));
    return version;
  }

  /** Ready provisioned environments of {@code hello:version} on each node, as its beat says. */
  private static List<Integer> provisioned(List<Integer> which, String version) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (int i : which) {
      String json = Clusters.nodeColumn(store, Clusters.nodeId(nodes.get(i)), "provisioned");
      out.add(json.isEmpty() ? 0 : JSON.readTree(json).path("hello:" + version).asInt(0));
    }
    return out;
  }

  private static int warm(int node) throws Exception {
    String json = Clusters.nodeColumn(store, Clusters.nodeId(nodes.get(node)), "warm");
    return JSON.readTree(json).path("hello").asInt(0);
  }

  /** The configuration's status and allocated environments, as node {@code node} answers. */
  private static String status(int node, String version) {
    JsonNode c =
        clis.get(node)
            .ok(
                "lambda",
                "get-provisioned-concurrency-config",
                "--function-name",
                "hello",
                "--qualifier",
                version);
    return c.get("Status").asText()
        + " "
        + c.get("AllocatedProvisionedConcurrentExecutions").asInt();
  }

  /** {@code url} with the port of node {@code node}'s front (each node serves on its own port). */
  private static String onNode(String url, int node) {
    URI u = URI.create(url);
    int port = URI.create(nodes.get(node).endpoint()).getPort();
    return u.getScheme()
        + "://"
        + u.getHost()
        + ":"
        + port
        + (u.getPath().isEmpty() ? "" : u.getPath());
  }
}
