package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;

/**
 * The database of a cluster crashes (PostgreSQL stopped as a crash stops it) while two nodes serve,
 * then comes back: while it is away a write and an {@code Event} invocation are refused at once
 * with AWS's {@code ServiceException} saying the store does not answer (nothing is acknowledged
 * that could be lost, nothing is half made), and once it is back both nodes take writes again,
 * follow each other again, and everything acknowledged before the crash is there.
 */
class ClusterDatabaseFaultTest {
  private static final byte[] CODE =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  return {"ok": True, "got": event}
              """,
              0644)
          .bytes();

  @TempDir Path root;

  @Test
  void whileTheDatabaseIsDownWritesAreRefusedCleanlyAndAfterwardNothingAcknowledgedIsLost()
      throws Exception {
    Clusters.assumeTools();
    List<ServedOutlet> nodes = new ArrayList<>();
    try (LocalPostgres postgres = LocalPostgres.start()) {
      String store = postgres.newDatabase();
      nodes.addAll(
          ServedOutlet.startAll(
              List.of(root.resolve("a"), root.resolve("b")), List.of("--store", store)));
      AwsCli cliA = new AwsCli(nodes.get(0).endpoint(), root.resolve("cli-a"));
      new CliFunctions(cliA, root.resolve("zips"))
          .create("kept", "python3.11", Clusters.HANDLER, CODE);
      cliA.ok("lambda", "publish-version", "--function-name", "kept");
      try (LambdaClient a = TestServer.client(nodes.get(0).endpoint());
          LambdaClient b = TestServer.client(nodes.get(1).endpoint())) {
        assertThat(b.invoke(r -> r.functionName("kept")).functionError()).isNull();
        AwsCli cliB = new AwsCli(nodes.get(1).endpoint(), root.resolve("cli-b"));
        String queue =
            cliA.ok("sqs", "create-queue", "--queue-name", "kept").get("QueueUrl").asText();
        cliB.ok("sqs", "send-message", "--queue-url", queue, "--message-body", "before");

        postgres.crash();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Clusters.createPython(b, "during", CODE))
            .isInstanceOf(ServiceException.class)
            .hasMessageContaining("Outlet cannot use its store")
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .as("says the database is out of reach")
                        .containsAnyOf("no connection (", "connection lost ("))
            .satisfies(e -> assertThat(((ServiceException) e).statusCode()).isEqualTo(500));
        assertThatThrownBy(
                () ->
                    b.invoke(
                        r ->
                            r.functionName("kept")
                                .invocationType(InvocationType.EVENT)
                                .payload(SdkBytes.fromUtf8String("{\"lost\":false}"))))
            .as("an Event invocation that cannot be kept is not acknowledged")
            .isInstanceOf(ServiceException.class)
            .hasMessageContaining("store");
        assertThat(cliB.fails("sqs", "send-message", "--queue-url", queue, "--message-body", "x"))
            .as("a message that cannot be kept is not acknowledged")
            .containsAnyOf("ServiceUnavailable", "InternalError");
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
            .as("refused, not left hanging")
            .isLessThan(Duration.ofSeconds(30));

        postgres.restart();
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreException(ServiceException.class)
            .until(() -> Clusters.createPython(b, "after", CODE));
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(300))
            .ignoreException(ResourceNotFoundException.class)
            .until(() -> a.getFunction(r -> r.functionName("after")).configuration() != null);
        assertThat(a.listVersionsByFunction(r -> r.functionName("kept")).versions())
            .as("acknowledged before the crash")
            .hasSize(2);
        assertThat(a.invoke(r -> r.functionName("kept")).functionError()).isNull();
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    cliA.run("sqs", "send-message", "--queue-url", queue, "--message-body", "after")
                            .exit()
                        == 0);
        List<String> bodies = new ArrayList<>();
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  cliB.ok(
                          "sqs",
                          "receive-message",
                          "--queue-url",
                          queue,
                          "--max-number-of-messages",
                          "10",
                          "--wait-time-seconds",
                          "1")
                      .path("Messages")
                      .forEach(m -> bodies.add(m.get("Body").asText()));
                  assertThat(bodies)
                      .as("acknowledged before and after the crash")
                      .containsExactlyInAnyOrder("before", "after");
                });
        for (LambdaClient node : List.of(a, b)) {
          assertThatThrownBy(() -> node.getFunction(r -> r.functionName("during")))
              .as("nothing half made")
              .isInstanceOf(ResourceNotFoundException.class);
        }
      }
    } finally {
      nodes.forEach(n -> n.process().destroy());
      for (ServedOutlet n : nodes) {
        n.stop();
      }
    }
  }
}
