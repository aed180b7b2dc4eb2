package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TcpProxy;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;

/**
 * One node cut off from the database while another keeps it: node A reaches PostgreSQL through a
 * relay the test partitions (no byte moves, nothing is reset, as when a network drops packets),
 * node B directly. A's writes and, once its concurrency grants can no longer be trusted, its
 * invocations are refused with AWS's {@code ServiceException} saying why, within seconds, not left
 * hanging; B goes on and marks A down. Healed, A joins again under a new id and catches up.
 */
class ClusterPartitionTest {
  private static final byte[] CODE =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  return {"ok": True}
              """,
              0644)
          .bytes();

  @TempDir Path root;

  @Test
  void aNodeCutOffFromTheDatabaseRefusesWorkSayingWhyWhileTheOtherGoesOnAndItRejoinsWhenHealed()
      throws Exception {
    Clusters.assumeTools();
    List<ServedOutlet> nodes = new ArrayList<>();
    try (LocalPostgres postgres = LocalPostgres.start()) {
      String store = postgres.newDatabase();
      int port = PostgresUrl.parse(store).port();
      try (TcpProxy relay = new TcpProxy(port)) {
        String relayed = store.replace(":" + port + "/", ":" + relay.port() + "/");
        nodes.add(ServedOutlet.start(root.resolve("a"), List.of("--store", relayed)));
        nodes.add(ServedOutlet.start(root.resolve("b"), List.of("--store", store)));
        String idA = Clusters.nodeId(nodes.get(0));
        new CliFunctions(
                new AwsCli(nodes.get(1).endpoint(), root.resolve("cli")), root.resolve("z"))
            .create("kept", "python3.11", Clusters.HANDLER, CODE);
        try (LambdaClient a = TestServer.client(nodes.get(0).endpoint());
            LambdaClient b = TestServer.client(nodes.get(1).endpoint())) {
          Awaitility.await()
              .atMost(Duration.ofSeconds(10))
              .ignoreException(ResourceNotFoundException.class)
              .until(() -> a.invoke(r -> r.functionName("kept")).functionError() == null);

          String addressA =
              Clusters.status(store)
                  .lines()
                  .filter(l -> l.startsWith(idA + " "))
                  .map(l -> l.split(" +")[1])
                  .findFirst()
                  .orElseThrow();
          relay.partition();
          long t0 = System.nanoTime();
          assertThatThrownBy(() -> Clusters.createPython(a, "during", CODE))
              .isInstanceOf(ServiceException.class)
              .hasMessageContaining("Outlet cannot use its store")
              .satisfies(e -> assertThat(((ServiceException) e).statusCode()).isEqualTo(500));
          assertThat(Duration.ofNanos(System.nanoTime() - t0))
              .as("refused within the store's timeouts, not left hanging")
              .isLessThan(Duration.ofSeconds(25));
          assertThat(Clusters.createPython(b, "elsewhere", CODE))
              .as("the other node writes")
              .isTrue();
          assertThat(b.invoke(r -> r.functionName("kept")).functionError()).isNull();

          // A can no longer renew its concurrency grants: past half a lease it admits nothing
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(1))
              .untilAsserted(
                  () ->
                      assertThatThrownBy(() -> a.invoke(r -> r.functionName("kept")))
                          .isInstanceOf(ServiceException.class)
                          .hasMessageContaining("database does not answer"));
          Awaitility.await()
              .atMost(ClusterNode.TIMEOUT.plus(ClusterNode.BEAT.multipliedBy(4)))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> assertThat(Clusters.status(store)).containsPattern(idA + " +\\S+ +DOWN "));

          relay.heal();
          // A finds itself marked down at its next beat and joins again, at the same address
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () ->
                      assertThat(Clusters.status(store))
                          .containsPattern("(?m)^(?!" + idA + ")\\S+ +" + addressA + " +ACTIVE "));
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(1))
              .ignoreExceptions()
              .until(() -> Clusters.createPython(a, "after", CODE));
          assertThat(a.getFunction(r -> r.functionName("elsewhere")).configuration()).isNotNull();
          assertThat(a.invoke(r -> r.functionName("kept")).functionError()).isNull();
          assertThatThrownBy(() -> b.getFunction(r -> r.functionName("during")))
              .as("nothing half made")
              .isInstanceOf(ResourceNotFoundException.class);
          assertThat(Clusters.status(store))
              .as("the old id stays listed as down")
              .containsPattern(idA + " +\\S+ +DOWN ");
        }
      } finally {
        for (ServedOutlet n : nodes) {
          if (n.process().isAlive()) {
            n.stop();
          }
        }
      }
    }
  }
}
