package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A rolling restart behind a real load balancer: three {@code outlet serve --store} nodes behind
 * HAProxy (Debian's), which checks each node's {@code GET /_outlet/ready}; two SDK v2 clients (no
 * retries) invoke through it without pause while each node in turn is drained ({@code outlet drain
 * --wait}), stopped and started again on its port. No request fails.
 */
class ClusterRollingRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<Integer> ports = new ArrayList<>();
  private static Balancer balancer;

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    Balancer.assumeInstalled();
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
    List<Path> data = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ports.add(Balancer.freePort());
      data.add(root.resolve("node" + i));
    }
    List<java.util.concurrent.CompletableFuture<ServedOutlet>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      starting.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return node(n);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
    }
    starting.forEach(f -> nodes.add(f.join()));
    balancer = Balancer.start(root.resolve("haproxy"), ports);
    AwsCli cli = new AwsCli(nodes.get(0).endpoint(), root.resolve("cli"));
    new CliFunctions(cli, root.resolve("zips"))
        .create(
            "echo",
            "python3.11",
            "lambda_function.lambda_handler",
            TestZips.zip()
                .file(
                    "lambda_function.py",
                    """
                    import time

                    def lambda_handler(event, context):
                        print("ran", event["id"])
                        time.sleep(0.2)
                        return {"n": event["n"]}
                    """,
                    0644)
                .bytes());
  }

  private static ServedOutlet node(int i) throws java.io.IOException {
    return ServedOutlet.start(
        root.resolve("node" + i),
        List.of(
            "--store",
            store,
            "--port",
            Integer.toString(ports.get(i)),
            "--peer-port",
            "0",
            "--https-port",
            "off"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (balancer != null) {
      balancer.close();
    }
    Clusters.stopAll(nodes, postgres);
  }

  @Test
  void everyNodeDrainedStoppedAndStartedInTurnWhileClientsInvokeThroughTheBalancerFailsNothing()
      throws Exception {
    String endpoint = balancer.endpoint();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> invokeOnce(endpoint, 0));
    AtomicBoolean going = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      int client = c;
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (LambdaClient sdk = TestServer.client(endpoint)) {
                      for (int n = 0; going.get(); n++) {
                        int sent = n;
                        try {
                          var r =
                              sdk.invoke(
                                  b ->
                                      b.functionName("echo")
                                          .payload(
                                              SdkBytes.fromUtf8String(
                                                  "{\"n\":%d,\"id\":\"c%d-%d\"}"
                                                      .formatted(sent, client, sent))));
                          JsonNode body = JSON.readTree(r.payload().asByteArray());
                          if (r.functionError() != null || body.path("n").asInt(-1) != sent) {
                            failures.add("answer " + body + " to " + sent);
                          } else {
                            served.incrementAndGet();
                          }
                        } catch (Exception e) {
                          failures.add(e.toString());
                        }
                      }
                    }
                  }));
    }
    for (int i = 0; i < 3; i++) {
      String id = Clusters.nodeId(nodes.get(i));
      StringWriter out = new StringWriter();
      CommandLine drain = Main.commandLine("drain");
      drain.setOut(new PrintWriter(out));
      assertThat(drain.execute("drain", id, "--store", store, "--wait")).as("%s", out).isZero();
      nodes.get(i).stop();
      nodes.set(i, node(i));
      Thread.sleep(2_000); // the balancer's checks see it ready (rise 2, every 300 ms)
    }
    int before = served.get();
    Thread.sleep(2_000);
    going.set(false);
    for (Thread t : clients) {
      t.join(30_000);
    }
    assertThat(failures).as("requests that failed during the restart").isEmpty();
    // the logs are the cluster's: any node reads every node's, the replaced ones' too
    List<String> ran = ran(nodes.get(0));
    assertThat(ran(nodes.get(2))).as("the same logs, read on another node").isEqualTo(ran);
    assertThat(ran).as("each invocation ran once, on one node").doesNotHaveDuplicates();
    assertThat(ran.size()).isGreaterThanOrEqualTo(served.get());
    assertThat(before).as("invocations served during the restart").isGreaterThan(60);
    assertThat(served.get()).as("served after it, by the new nodes").isGreaterThan(before);
  }

  /** The {@code ran c} lines of {@code echo}'s logs, read on {@code n}. */
  private static List<String> ran(ServedOutlet n) {
    List<String> ran = new ArrayList<>();
    new AwsCli(n.endpoint(), root.resolve("cli-logs"))
        .ok(
            "logs",
            "filter-log-events",
            "--log-group-name",
            "/aws/lambda/echo",
            "--filter-pattern",
            "\"ran c\"")
        .get("events")
        .forEach(e -> ran.add(e.get("message").asText().trim()));
    return ran;
  }

  private static boolean invokeOnce(String endpoint, int n) throws Exception {
    try (LambdaClient sdk = TestServer.client(endpoint)) {
      return sdk.invoke(
                  b ->
                      b.functionName("echo")
                          .payload(SdkBytes.fromUtf8String("{\"n\":0,\"id\":\"first\"}")))
              .statusCode()
          == 200;
    }
  }
}
