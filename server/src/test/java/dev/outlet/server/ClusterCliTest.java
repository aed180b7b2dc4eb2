package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three {@code outlet serve --store postgresql://...} processes sharing one real PostgreSQL
 * (started by the test with Debian's {@code initdb}/{@code pg_ctl}), driven with {@code
 * /usr/bin/aws}: a function created on one node runs on the others, a change on one is seen by the
 * others, two nodes racing to create one function, a node killed with -9 marked down, and functions
 * that outlive every node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PYTHON = Path.of("/usr/bin/python3.11");
  private static final String HANDLER = "lambda_function.lambda_handler";

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    assumeThat(LocalPostgres.binaries()).as(LocalPostgres.MISSING).isPresent();
    assumeThat(Files.isExecutable(PYTHON))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
    List<CompletableFuture<ServedOutlet>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path data = root.resolve("node" + i);
      starting.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return ServedOutlet.start(data, List.of("--store", store));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
    }
    for (int i = 0; i < 3; i++) {
      ServedOutlet node = starting.get(i).join();
      nodes.add(node);
      clis.add(new AwsCli(node.endpoint(), root.resolve("cli" + i)));
      assertThat(node.lines()).anyMatch(l -> l.startsWith("cluster: node "));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServedOutlet n : nodes) {
      if (n.process().isAlive()) {
        n.stop();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
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

  private static JsonNode invoke(int node, String target, String payload) throws IOException {
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
    JsonNode answer = JSON.readTree(out.toFile());
    return JSON.readTree(answer.get("body").asText());
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
                      dev.outlet.server.testkit.TestServer.ROLE,
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
  void aNodeKilledWithMinusNineIsMarkedDownAndItsWorkGoesOn() throws Exception {
    new CliFunctions(clis.get(0), root.resolve("zips"))
        .create("survivor", "python3.11", HANDLER, handler("kept"));
    assertThat(invoke(2, "survivor", "{}").get("version").asText()).isEqualTo("kept");
    String killed = nodeId(nodes.get(2));
    nodes.get(2).killNine();
    Awaitility.await()
        .atMost(ClusterNode.TIMEOUT.plus(ClusterNode.BEAT.multipliedBy(3)))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(status()).containsPattern(killed + " +\\S+ +DOWN "));
    String table = status();
    assertThat(table).startsWith("NODE").contains("CAPACITY").contains("LAST BEAT");
    assertThat(table).containsPattern(nodeId(nodes.get(0)) + " +\\S+ +ACTIVE ");
    assertThat(table).containsPattern(nodeId(nodes.get(1)) + " +\\S+ +ACTIVE ");
    assertThat(invoke(1, "survivor", "{}").get("version").asText()).isEqualTo("kept");
  }

  @Test
  @Order(5)
  void functionsOutliveEveryNodeAndANewNodeServesThem() throws Exception {
    for (ServedOutlet n : nodes) {
      if (n.process().isAlive()) {
        n.stop();
      }
    }
    assertThat(status()).as("stopped nodes leave at once").doesNotContain("ACTIVE");
    ServedOutlet fresh = ServedOutlet.start(root.resolve("fresh"), List.of("--store", store));
    nodes.add(fresh);
    assertThat(fresh.lines()).anyMatch(l -> l.contains("(data ") && l.contains(", 4 functions,"));
    AwsCli cli = new AwsCli(fresh.endpoint(), root.resolve("cli-fresh"));
    clis.set(0, cli);
    assertThat(invoke(0, "survivor", "{}").get("version").asText()).isEqualTo("kept");
  }

  private static String nodeId(ServedOutlet node) {
    return node.lines().stream()
        .filter(l -> l.startsWith("cluster: node "))
        .map(l -> l.substring("cluster: node ".length(), l.indexOf(',')))
        .findFirst()
        .orElseThrow();
  }

  /** {@code outlet cluster status --store URL}, as a user types it. */
  private static String status() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine("cluster");
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("cluster", "status", "--store", store);
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }
}
