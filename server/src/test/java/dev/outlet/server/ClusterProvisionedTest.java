package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioned concurrency in a cluster of three {@code outlet serve --store postgresql://...} nodes
 * on one real PostgreSQL, driven with {@code /usr/bin/aws}: a configuration of 3 put through one
 * node is one initialized environment on each node, never more in all, {@code READY} with 3
 * allocated on any node; a node killed with -9, its environment moves to a survivor.
 */
class ClusterProvisionedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final byte[] HELLO =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  return {"hello": event.get("name", "world")}
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
    new CliFunctions(clis.get(0), root.resolve("zips"))
        .create("hello", "python3.11", Clusters.HANDLER, HELLO);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  @Test
  void aConfigurationIsSpreadOverTheNodesAndMovesOffANodeThatDies() throws Exception {
    String version =
        clis.get(0)
            .ok("lambda", "publish-version", "--function-name", "hello")
            .get("Version")
            .asText();
    clis.get(1)
        .ok(
            "lambda",
            "put-provisioned-concurrency-config",
            "--function-name",
            "hello",
            "--qualifier",
            version,
            "--provisioned-concurrent-executions",
            "3");

    Awaitility.await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> provisioned(List.of(0, 1, 2), version).equals(List.of(1, 1, 1)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(status(2, version)).isEqualTo("READY 3"));
    Thread.sleep(3 * ClusterNode.BEAT.toMillis());
    assertThat(provisioned(List.of(0, 1, 2), version))
        .as("no more than asked, after more beats")
        .isEqualTo(List.of(1, 1, 1));
    for (int i = 0; i < 3; i++) {
      assertThat(warm(i)).as("node %d's live sandboxes of the function", i).isEqualTo(1);
    }

    nodes.get(0).killNine();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              List<Integer> p = provisioned(List.of(1, 2), version);
              return p.get(0) + p.get(1) == 3;
            });
    assertThat(provisioned(List.of(1, 2), version)).containsExactlyInAnyOrder(1, 2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(status(1, version)).isEqualTo("READY 3"));
    JsonNode answer =
        clis.get(2)
            .ok(
                "lambda",
                "invoke",
                "--function-name",
                "hello:" + version,
                root.resolve("out.json").toString());
    assertThat(answer.get("StatusCode").asInt()).isEqualTo(200);
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
}
