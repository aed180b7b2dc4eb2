package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PgStores;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code outlet cluster import}, as a team moving from one machine to a cluster runs it: one Outlet
 * is given functions, versions, an alias, a layer, tags, settings, a policy, a Function URL, a
 * queue with a message, a mapping, a schedule rule, a function in a second region, a user and a
 * repository, all through {@code /usr/bin/aws}; it is stopped, its folder imported into a real
 * PostgreSQL, and a node started on that database serves all of it. The import refuses while a node
 * serves, and refuses a folder that clashes with the cluster without writing anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER = "lambda_function.lambda_handler";

  private static final byte[] LAYER =
      TestZips.zip()
          .file(
              "python/greeting.py",
              """
              def text():
                  return "hello from the layer"
              """,
              0644)
          .bytes();

  private static final byte[] USES_LAYER =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import greeting

              def lambda_handler(event, context):
                  return {"greeting": greeting.text()}
              """,
              0644)
          .bytes();

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> started = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(started, postgres);
  }

  private static ServedOutlet serve(Path data, String... more) throws IOException {
    ServedOutlet outlet = ServedOutlet.start(data, List.of(more));
    started.add(outlet);
    return outlet;
  }

  /** {@code outlet cluster import ARGS}, as a user types it: exit code, stdout and stderr. */
  private static String[] importing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine("cluster");
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("cluster", "import", "--store", store));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static JsonNode invoke(AwsCli cli, String target) throws IOException {
    Path out = root.resolve("out-" + System.nanoTime() + ".json");
    cli.ok(
        "lambda",
        "invoke",
        "--function-name",
        target,
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"name\":\"import\"}",
        out.toString());
    return JSON.readTree(out.toFile());
  }

  @Test
  @Order(1)
  void whatOneMachineHeldIsServedByTheClusterAfterTheImport() throws Exception {
    Path single = root.resolve("single");
    ServedOutlet one = serve(single);
    AwsCli aws = new AwsCli(one.endpoint(), root.resolve("cli-single"));
    CliFunctions functions = new CliFunctions(aws, root.resolve("zips"));
    functions.create("hello", "python3.11", HANDLER, Clusters.HELLO);
    assertThat(
            aws.ok("lambda", "publish-version", "--function-name", "hello").get("Version").asText())
        .isEqualTo("1");
    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "hello",
        "--description",
        "two");
    assertThat(
            aws.ok("lambda", "publish-version", "--function-name", "hello").get("Version").asText())
        .isEqualTo("2");
    aws.ok("lambda", "delete-function", "--function-name", "hello", "--qualifier", "2");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        "hello",
        "--name",
        "live",
        "--function-version",
        "1");
    String functionArn =
        aws.ok("lambda", "get-function", "--function-name", "hello")
            .at("/Configuration/FunctionArn")
            .asText();
    aws.ok("lambda", "tag-resource", "--resource", functionArn, "--tags", "team=blue");
    aws.ok(
        "lambda",
        "put-function-event-invoke-config",
        "--function-name",
        "hello",
        "--maximum-retry-attempts",
        "1");
    aws.ok(
        "lambda",
        "add-permission",
        "--function-name",
        "hello",
        "--statement-id",
        "from-events",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "events.amazonaws.com");
    aws.ok(
        "lambda", "create-function-url-config", "--function-name", "hello", "--auth-type", "NONE");
    Path layerZip = root.resolve("layer.zip");
    Files.write(layerZip, LAYER);
    String layerArn =
        aws.ok(
                "lambda",
                "publish-layer-version",
                "--layer-name",
                "greeting",
                "--zip-file",
                "fileb://" + layerZip,
                "--compatible-runtimes",
                "python3.11")
            .get("LayerVersionArn")
            .asText();
    functions.create("layered", "python3.11", HANDLER, USES_LAYER, "--layers", layerArn);
    assertThat(invoke(aws, "layered").get("greeting").asText()).isEqualTo("hello from the layer");
    String queueUrl =
        aws.ok("sqs", "create-queue", "--queue-name", "jobs").get("QueueUrl").asText();
    aws.ok("sqs", "send-message", "--queue-url", queueUrl, "--message-body", "kept across");
    String queueArn =
        aws.ok(
                "sqs",
                "get-queue-attributes",
                "--queue-url",
                queueUrl,
                "--attribute-names",
                "QueueArn")
            .at("/Attributes/QueueArn")
            .asText();
    String mapping =
        aws.ok(
                "lambda",
                "create-event-source-mapping",
                "--function-name",
                "hello",
                "--event-source-arn",
                queueArn,
                "--no-enabled")
            .get("UUID")
            .asText();
    aws.ok(
        "events",
        "put-rule",
        "--name",
        "nightly",
        "--schedule-expression",
        "rate(1 day)",
        "--state",
        "DISABLED");
    aws.ok("iam", "create-user", "--user-name", "alice");
    aws.ok("ecr", "create-repository", "--repository-name", "web");
    new CliFunctions(aws, root.resolve("zips-eu"))
        .create("far", "python3.11", HANDLER, Clusters.HELLO, "--region", "eu-west-1");
    String[] whileOneServes = importing("--data-dir", single.toString());
    assertThat(whileOneServes[0]).isEqualTo("1");
    assertThat(whileOneServes[2])
        .contains("nothing imported: another Outlet (pid " + one.process().pid() + ") is using");
    assertThat(clusterFunctions("us-east-1")).isEmpty();
    assertThatThrownBy(() -> ServedOutlet.start(single))
        .as("a second serve of the same folder")
        .hasMessageContaining(
            "another Outlet (pid " + one.process().pid() + ") is using " + single);
    one.stop();
    started.remove(one);

    String[] first = importing("--data-dir", single.toString());
    assertThat(first[0]).as("exit code; stderr: %s", first[2]).isEqualTo("0");
    assertThat(first[1])
        .contains("us-east-1: ", "2 functions", "1 versions", "1 aliases", "3 packages")
        .contains("eu-west-1: ", "identities: ", "registry: ");
    String[] again = importing("--data-dir", single.toString());
    assertThat(again[0]).as("exit code; stderr: %s", again[2]).isEqualTo("0");
    assertThat(again[1])
        .contains("2 functions (0 new)", "1 versions (0 new)", "3 packages (0 new)");

    ServedOutlet node = serve(root.resolve("node"), "--store", store);
    AwsCli cluster = new AwsCli(node.endpoint(), root.resolve("cli-node"));
    assertThat(invoke(cluster, "hello").get("hello").asText()).isEqualTo("import");
    assertThat(invoke(cluster, "hello:live").get("hello").asText()).isEqualTo("import");
    assertThat(invoke(cluster, "layered").get("greeting").asText())
        .isEqualTo("hello from the layer");
    cluster.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "hello",
        "--description",
        "three");
    assertThat(
            cluster
                .ok("lambda", "publish-version", "--function-name", "hello")
                .get("Version")
                .asText())
        .as("version 2 was deleted: AWS never numbers a version twice")
        .isEqualTo("3");
    assertThat(
            cluster.ok("lambda", "list-tags", "--resource", functionArn).at("/Tags/team").asText())
        .isEqualTo("blue");
    assertThat(
            cluster
                .ok("lambda", "get-function-event-invoke-config", "--function-name", "hello")
                .get("MaximumRetryAttempts")
                .asInt())
        .isEqualTo(1);
    assertThat(
            cluster.ok("lambda", "get-policy", "--function-name", "hello").get("Policy").asText())
        .contains("from-events");
    assertThat(
            cluster
                .ok("lambda", "get-function-url-config", "--function-name", "hello")
                .get("AuthType")
                .asText())
        .isEqualTo("NONE");
    assertThat(
            cluster
                .ok("lambda", "get-event-source-mapping", "--uuid", mapping)
                .get("State")
                .asText())
        .isEqualTo("Disabled");
    assertThat(
            cluster
                .ok("sqs", "receive-message", "--queue-url", queueUrl)
                .at("/Messages/0/Body")
                .asText())
        .isEqualTo("kept across");
    assertThat(
            cluster
                .ok("events", "describe-rule", "--name", "nightly")
                .get("ScheduleExpression")
                .asText())
        .isEqualTo("rate(1 day)");
    assertThat(cluster.ok("iam", "get-user", "--user-name", "alice").at("/User/UserName").asText())
        .isEqualTo("alice");
    assertThat(
            cluster
                .ok("ecr", "describe-repositories")
                .at("/repositories/0/repositoryName")
                .asText())
        .isEqualTo("web");
    assertThat(
            cluster
                .ok("lambda", "get-function", "--function-name", "far", "--region", "eu-west-1")
                .at("/Configuration/FunctionName")
                .asText())
        .isEqualTo("far");

    String[] whileServing = importing("--data-dir", single.toString());
    assertThat(whileServing[0]).isEqualTo("1");
    assertThat(whileServing[2]).contains("nothing imported: nodes serve this cluster now");
    node.stop();
    started.remove(node);
  }

  @Test
  @Order(2)
  void aFolderThatClashesWithTheClusterIsRefusedWithNothingWritten() throws Exception {
    Path other = root.resolve("other");
    ServedOutlet one = serve(other);
    AwsCli aws = new AwsCli(one.endpoint(), root.resolve("cli-other"));
    CliFunctions functions = new CliFunctions(aws, root.resolve("zips-other"));
    functions.create("hello", "python3.11", HANDLER, Clusters.HELLO); // another hello
    functions.create("newcomer", "python3.11", HANDLER, Clusters.HELLO);
    one.stop();
    started.remove(one);

    String[] refused = importing("--data-dir", other.toString());
    assertThat(refused[0]).isEqualTo("1");
    assertThat(refused[2])
        .contains(
            "nothing imported", "us-east-1: function hello (another RevisionId in the cluster)");
    assertThat(clusterFunctions("us-east-1"))
        .doesNotContain("newcomer")
        .contains("hello", "layered");

    String[] badStore = importing("--data-dir", other.toString(), "--region", "Nowhere 1");
    assertThat(badStore[0]).isEqualTo("2");
    assertThat(badStore[2]).contains("--region");
  }

  /** The functions the cluster's region holds, read from its table (none before it exists). */
  private static List<String> clusterFunctions(String region) throws Exception {
    PostgresUrl url = PostgresUrl.parse(store);
    String table = PgStores.schemaOf(region) + ".functions";
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      try (ResultSet r = c.createStatement().executeQuery("SELECT to_regclass('" + table + "')")) {
        r.next();
        if (r.getString(1) == null) {
          return names;
        }
      }
      try (ResultSet r = c.createStatement().executeQuery("SELECT name FROM " + table)) {
        while (r.next()) {
          names.add(r.getString(1));
        }
      }
    }
    return names;
  }
}
