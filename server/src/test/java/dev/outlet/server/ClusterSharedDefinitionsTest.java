package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.net.URI;
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
 * What the gateway and the functions' resource policies hold is the cluster's, not a node's: two
 * {@code outlet serve --store postgresql://...} nodes on one real PostgreSQL, driven with {@code
 * /usr/bin/aws} and curl. A Function URL, an HTTP API and a permission made through one node are
 * read and served through the other, and a URL deleted through one stops answering on both.
 */
class ClusterSharedDefinitionsTest {

  /** A handler as AWS's documentation writes one for a Function URL: it answers the path asked. */
  private static final byte[] ECHO =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              import json

              def lambda_handler(event, context):
                  return {
                      "statusCode": 200,
                      "headers": {"Content-Type": "application/json"},
                      "body": json.dumps({"path": event.get("rawPath")}),
                  }
              """,
              0644)
          .bytes();

  /** How soon a node serves what another wrote: a notification, with a wide margin. */
  private static final Duration SEEN = Duration.ofSeconds(5);

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    Curl.assumeInstalled();
    postgres = LocalPostgres.start();
    String store = postgres.newDatabase();
    nodes.addAll(
        ServedOutlet.startAll(
            List.of(root.resolve("node0"), root.resolve("node1")), List.of("--store", store)));
    for (int i = 0; i < 2; i++) {
      clis.add(new AwsCli(nodes.get(i).endpoint(), root.resolve("cli" + i)));
    }
    new CliFunctions(clis.get(0), root.resolve("zips"))
        .create("echo", "python3.11", Clusters.HANDLER, ECHO);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  @Test
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
