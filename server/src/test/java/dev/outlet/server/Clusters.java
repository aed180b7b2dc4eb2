package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** What the cluster tests share: their tools, a node's id, the status table, a Python function. */
final class Clusters {
  static final Path PYTHON = Path.of("/usr/bin/python3.11");
  static final String HANDLER = "lambda_function.lambda_handler";

  /** A handler as AWS's documentation writes a first one: it greets the event's name. */
  static final byte[] HELLO =
      dev.outlet.storage.TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  return {"hello": event.get("name", "world")}
              """,
              0644)
          .bytes();

  private Clusters() {}

  /**
   * Skips the calling test class, with the reason, where the AWS CLI, PostgreSQL or Python lack.
   */
  static void assumeTools() {
    AwsCli.assumeInstalled();
    assumeThat(LocalPostgres.binaries()).as(LocalPostgres.MISSING).isPresent();
    assumeThat(Files.isExecutable(PYTHON))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
  }

  /** The node's id, as its second line says. */
  static String nodeId(ServedOutlet node) {
    return node.lines().stream()
        .filter(l -> l.startsWith("cluster: node "))
        .map(l -> l.substring("cluster: node ".length(), l.indexOf(',')))
        .findFirst()
        .orElseThrow();
  }

  /** The {@code column} of node {@code id}'s row in the cluster's nodes table ("" if none). */
  static String nodeColumn(String store, String id, String column) throws java.sql.SQLException {
    dev.outlet.postgres.PostgresUrl url = dev.outlet.postgres.PostgresUrl.parse(store);
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT " + column + " FROM " + ClusterNode.SCHEMA + ".nodes WHERE id = ?")) {
      s.setString(1, id);
      try (java.sql.ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : "";
      }
    }
  }

  /**
   * The messages of {@code aws logs filter-log-events} on a node's CLI for {@code group} and {@code
   * pattern}; none while the group does not exist there yet.
   */
  static java.util.List<String> logged(AwsCli cli, String group, String pattern) {
    AwsCli.Run run =
        cli.run(
            "logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", pattern);
    if (run.exit() != 0) {
      assertThat(run.err()).as("no log group yet").contains("ResourceNotFoundException");
      return java.util.List.of();
    }
    try {
      java.util.List<String> out = new java.util.ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(run.out())
          .get("events")
          .forEach(e -> out.add(e.get("message").asText()));
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code outlet cluster status --store URL}, as a user types it. */
  static String status(String store) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine("cluster");
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("cluster", "status", "--store", store);
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  /**
   * Three nodes of the cluster on {@code store}, started together, data folders under {@code root}.
   */
  static java.util.List<ServedOutlet> startThree(Path root, String store) {
    return ServedOutlet.startAll(
        java.util.List.of(root.resolve("node0"), root.resolve("node1"), root.resolve("node2")),
        java.util.List.of("--store", store));
  }

  /**
   * Stops the nodes still running (SIGTERM to all, then each waited for; a node that does not stop
   * fails the test after the others were waited for too), then the database if started.
   */
  static void stopAll(java.util.List<ServedOutlet> nodes, LocalPostgres postgres)
      throws InterruptedException {
    // every node signalled first, so one that fails to stop leaves none of the others running
    nodes.forEach(n -> n.process().destroy());
    AssertionError failed = null;
    try {
      for (ServedOutlet n : nodes) {
        if (n.process().isAlive()) {
          try {
            n.stop();
          } catch (AssertionError e) {
            if (failed == null) {
              failed = e;
            } else {
              failed.addSuppressed(e);
            }
          }
        }
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Creates a python3.11 function of {@code zip} through {@code lambda}; true once it did. */
  static boolean createPython(LambdaClient lambda, String name, byte[] zip) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime(Runtime.PYTHON3_11)
                .handler(HANDLER)
                .role(TestServer.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    return true;
  }
}
