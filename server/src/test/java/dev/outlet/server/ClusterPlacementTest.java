package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.StreamedInvokes;
import dev.outlet.server.testkit.StreamedInvokes.Streamed;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ServiceException;

/**
 * Placement across three {@code outlet serve --store postgresql://...} nodes on one real
 * PostgreSQL: an invocation sent to a node with no sandbox of the function runs in another node's
 * idle sandbox, forwarded on the peer port (its result, function error and log tail relayed as AWS
 * sends them), and so does a Function URL of a node that has none; a node killed with -9 while it
 * runs a forwarded invocation gives the caller AWS's {@code ServiceException} at once, and the next
 * invocation runs elsewhere. A streamed invocation (InvokeWithResponseStream through the SDK for
 * Java v2) is placed the same way, its bytes coming through the hop as the function writes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPlacementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Returns an id of its process and how many invocations that process served; fails when asked.
   */
  private static final byte[] COUNTER =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import time
              import uuid

              served = 0
              process = uuid.uuid4().hex  # one per runtime process (pids repeat: one namespace each)

              def lambda_handler(event, context):
                  global served
                  served += 1
                  print("serving", served, "in", process)
                  if event.get("fail"):
                      raise ValueError("asked to fail")
                  time.sleep(event.get("sleep", 0))
                  return {"process": process, "served": served}
              """,
              0644)
          .bytes();

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
    functions.create("counter", "python3.11", Clusters.HANDLER, COUNTER, "--timeout", "30");
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  /** {@code aws lambda invoke} on node {@code node}: the CLI's output and the function's answer. */
  private static JsonNode[] invoke(int node, String payload, String... more) throws IOException {
    Path out = root.resolve("out-" + node + "-" + System.nanoTime() + ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "lambda",
                "invoke",
                "--function-name",
                "counter",
                "--cli-binary-format",
                "raw-in-base64-out",
                "--payload",
                payload));
    args.addAll(List.of(more));
    args.add(out.toString());
    JsonNode cli = clis.get(node).ok(args.toArray(String[]::new));
    return new JsonNode[] {cli, JSON.readTree(out.toFile())};
  }

  @Test
  @Order(1)
  void anInvokeOnANodeWithoutASandboxRunsInAnotherNodesIdleSandbox() throws Exception {
    JsonNode first = invoke(0, "{}")[1];
    assertThat(first.get("served").asInt()).isEqualTo(1);
    String process = first.get("process").asText();
    awaitIdleOn(0);

    JsonNode[] second = invoke(1, "{}", "--log-type", "Tail");
    assertThat(second[1].get("process").asText()).as("node 0's sandbox").isEqualTo(process);
    assertThat(second[1].get("served").asInt()).isEqualTo(2);
    assertThat(second[0].get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    String tail =
        new String(
            Base64.getDecoder().decode(second[0].get("LogResult").asText()),
            StandardCharsets.UTF_8);
    assertThat(tail).contains("serving 2 in " + process).contains("REPORT RequestId: ");

    JsonNode[] failed = invoke(2, "{\"fail\":true}");
    assertThat(failed[0].get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(failed[1].get("errorType").asText()).isEqualTo("ValueError");
    assertThat(failed[1].get("errorMessage").asText()).isEqualTo("asked to fail");
    awaitIdleOn(0);
    assertThat(invoke(2, "{}")[1].get("served").asInt()).as("the same process").isEqualTo(4);
    assertThat(warmOn(1) + warmOn(2)).as("no sandbox started on nodes 1 and 2").isZero();
  }

  @Test
  @Order(2)
  void aFunctionUrlOnANodeWithoutASandboxRunsWhereTheFunctionIsWarm() throws Exception {
    Curl.assumeInstalled();
    awaitIdleOn(0);
    String url =
        clis.get(2)
            .ok(
                "lambda",
                "create-function-url-config",
                "--function-name",
                "counter",
                "--auth-type",
                "NONE")
            .get("FunctionUrl")
            .asText();
    String process = invoke(0, "{}")[1].get("process").asText();
    awaitIdleOn(0);
    Curl.Reply reply = Curl.run(url);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.get("process").asText())
        .as("node 0's sandbox, through node 2's URL")
        .isEqualTo(process);
    assertThat(warmOn(2)).isZero();
  }

  @Test
  @Order(3)
  void aStreamedInvokeOnANodeWithoutASandboxStreamsFromTheNodeWhereTheFunctionIsWarm()
      throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/node")))
        .as("Node.js not installed at /usr/bin/node: apt-get install nodejs")
        .isTrue();
    new CliFunctions(clis.get(0), root.resolve("zips-streaming"))
        .create(
            "streamer",
            "nodejs20.x",
            "index.handler",
            FunctionFolders.zip("nodejs", "streaming-counter"),
            "--timeout",
            "30");
    String process;
    try (LambdaAsyncClient zero = StreamedInvokes.client(nodes.get(0).endpoint());
        LambdaAsyncClient one = StreamedInvokes.client(nodes.get(1).endpoint())) {
      Streamed first = StreamedInvokes.stream(zero, streamer("{}"));
      process = first.body().substring(0, first.body().indexOf(' '));
      assertThat(first.body()).isEqualTo(process + " 1\nend\n");
      awaitIdleOn(0, "streamer");

      Streamed second = StreamedInvokes.stream(one, streamer("{}"));
      assertThat(second.body()).as("node 0's runtime process").isEqualTo(process + " 2\nend\n");
      assertThat(second.chunks().getFirst()).isEqualTo(process + " 2\n");
      assertThat((second.completeNanos() - second.chunkNanos().getFirst()) / 1_000_000)
          .as("how long before the end the first chunk came through the hop")
          .isGreaterThan(1000);
      assertThat(second.response().executedVersion()).isEqualTo("$LATEST");
      assertThat(second.response().responseStreamContentType()).isEqualTo("text/plain");
      assertThat(
              new String(
                  Base64.getDecoder().decode(second.complete().logResult()),
                  StandardCharsets.UTF_8))
          .contains("REPORT RequestId: ");
      awaitIdleOn(0, "streamer");

      Streamed failed = StreamedInvokes.stream(one, streamer("{\"fail\":true}"));
      assertThat(failed.chunks().getFirst()).isEqualTo(process + " 3\n");
      assertThat(failed.complete().errorCode()).isEqualTo("Error");
      assertThat(failed.complete().errorDetails()).contains("failed after the first bytes");
      assertThat(warmOn(1, "streamer")).as("no sandbox started on node 1").isZero();
    }
    Curl.assumeInstalled();
    String url;
    try (LambdaClient sdk = TestServer.client(nodes.get(2).endpoint())) {
      url =
          sdk.createFunctionUrlConfig(
                  b ->
                      b.functionName("streamer")
                          .authType(FunctionUrlAuthType.NONE)
                          .invokeMode(InvokeMode.RESPONSE_STREAM))
              .functionUrl();
    }
    awaitIdleOn(0, "streamer");
    Curl.Reply reply = Curl.run(url);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .as("node 0's process, through node 2's RESPONSE_STREAM URL")
        .isEqualTo(process + " 4\nend\n");
    assertThat(warmOn(2, "streamer")).isZero();
  }

  private static InvokeWithResponseStreamRequest streamer(String payload) {
    return InvokeWithResponseStreamRequest.builder()
        .functionName("streamer")
        .logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(payload))
        .build();
  }

  @Test
  @Order(4)
  void aNodeKilledWhileItRunsAForwardedInvokeIsAServiceExceptionAtOnceAndTheNextRunsElsewhere()
      throws Exception {
    String victim = Clusters.nodeId(nodes.get(0));
    try (LambdaClient sdk = TestServer.client(nodes.get(1).endpoint())) {
      CompletableFuture<Long> failedAfter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  sdk.invoke(
                      b ->
                          b.functionName("counter")
                              .payload(SdkBytes.fromUtf8String("{\"sleep\":20}")));
                  return -1L;
                } catch (ServiceException e) {
                  assertThat(e.statusCode()).isEqualTo(500);
                  assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceException");
                  assertThat(e.awsErrorDetails().errorMessage())
                      .contains("The Outlet node that ran this invocation (" + victim + " at ")
                      .contains("the function may have run in part");
                  return System.nanoTime();
                }
              });
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> running(0) == 1);
      long killed = System.nanoTime();
      nodes.get(0).killNine();
      long answered = failedAfter.get(15, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(answered).as("a ServiceException, not a result").isPositive();
      assertThat(Duration.ofNanos(answered - killed)).isLessThan(Duration.ofSeconds(3));

      // node 0 is not marked down yet (10 s): the next invocation cannot reach it and runs here
      long before = System.nanoTime();
      var response =
          sdk.invoke(b -> b.functionName("counter").payload(SdkBytes.fromUtf8String("{}")));
      JsonNode body = JSON.readTree(response.payload().asByteArray());
      assertThat(response.functionError()).isNull();
      assertThat(body.get("served").asInt()).as("a new sandbox").isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(8));
    }
  }

  /** Until node {@code node}'s beat shows its idle sandbox, and every node's next beat read it. */
  private static void awaitIdleOn(int node) throws InterruptedException {
    awaitIdleOn(node, "counter");
  }

  private static void awaitIdleOn(int node, String function) throws InterruptedException {
    String id = Clusters.nodeId(nodes.get(node));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> column(id, "idle").contains("\"" + function + ":$LATEST\":1"));
    Thread.sleep(ClusterNode.BEAT.toMillis() + 1_000);
  }

  private static int running(int node) throws Exception {
    return Integer.parseInt(column(Clusters.nodeId(nodes.get(node)), "running"));
  }

  private static int warmOn(int node) throws Exception {
    return warmOn(node, "counter");
  }

  private static int warmOn(int node, String function) throws Exception {
    String warm = column(Clusters.nodeId(nodes.get(node)), "warm");
    return JSON.readTree(warm).path(function).asInt(0);
  }

  private static String column(String id, String column) throws Exception {
    return Clusters.nodeColumn(store, id, column);
  }
}
