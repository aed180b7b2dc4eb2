package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two {@code outlet serve --auth iam --store postgresql://...} nodes on one real PostgreSQL, driven
 * with {@code /usr/bin/aws}: one administrator's key for the cluster (printed by the node that made
 * it, honoured by both), and a user, its access key and its policy made through one node take
 * effect on the other; a key deleted on one node is refused by the other; the registry's login
 * password one node issued opens the other's registry.
 */
class ClusterIamTest {
  private static final Duration SEEN = IdentityStoreRefresh.WITHIN;

  @TempDir Path root;

  private static final byte[] HELLO =
      dev.outlet.storage.TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  return "hello from a cluster"
              """,
              0644)
          .bytes();

  /** How soon a node honours what another node changed: its re-read, plus a margin. */
  private static final class IdentityStoreRefresh {
    static final Duration WITHIN =
        dev.outlet.iam.IdentityStore.REFRESH.multipliedBy(2).plusSeconds(2);
  }

  @Test
  void keysUsersAndPoliciesMadeThroughOneNodeAreHonouredByTheOther() throws Exception {
    AwsCli.assumeInstalled();
    assumeThat(LocalPostgres.binaries()).as(LocalPostgres.MISSING).isPresent();
    List<ServedOutlet> nodes = new ArrayList<>();
    try (LocalPostgres postgres = LocalPostgres.start()) {
      String store = postgres.newDatabase();
      // started together: both find no key, and exactly one makes the administrator's
      nodes.addAll(
          ServedOutlet.startAll(
              List.of(root.resolve("a"), root.resolve("b")),
              List.of("--store", store, "--auth", "iam")));
      List<ServedOutlet> printers =
          nodes.stream()
              .filter(n -> n.lines().stream().anyMatch(l -> l.contains("AWS_ACCESS_KEY_ID=")))
              .toList();
      assertThat(printers).as("nodes that made an administrator's key").hasSize(1);
      ServedOutlet a = printers.getFirst();
      ServedOutlet b = nodes.get(a == nodes.get(0) ? 1 : 0);
      String id = printed(a, "AWS_ACCESS_KEY_ID=");
      String secret = printed(a, "AWS_SECRET_ACCESS_KEY=");
      AwsCli adminA = new AwsCli(a.endpoint(), root.resolve("cli-admin-a"), id, secret);
      AwsCli adminB = new AwsCli(b.endpoint(), root.resolve("cli-admin-b"), id, secret);
      assertThat(adminB.ok("lambda", "list-functions").get("Functions")).isEmpty();

      adminA.ok("iam", "create-user", "--user-name", "dev");
      JsonNode key = adminB.ok("iam", "create-access-key", "--user-name", "dev").get("AccessKey");
      String devId = key.get("AccessKeyId").asText();
      String devSecret = key.get("SecretAccessKey").asText();
      AwsCli devA = new AwsCli(a.endpoint(), root.resolve("cli-dev-a"), devId, devSecret);
      AwsCli devB = new AwsCli(b.endpoint(), root.resolve("cli-dev-b"), devId, devSecret);
      Awaitility.await()
          .atMost(SEEN)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(devA.fails("lambda", "list-functions"))
                      .as("a known key without a policy")
                      .contains("AccessDeniedException"));

      // a permission added through one node lets the user invoke through the other
      String account = adminA.ok("sts", "get-caller-identity").get("Account").asText();
      adminA.ok(
          "iam",
          "create-role",
          "--role-name",
          "hello-exec",
          "--assume-role-policy-document",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
              + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
              + "\"Action\":\"sts:AssumeRole\"}]}");
      new CliFunctions(adminA, root.resolve("zips"), "arn:aws:iam::" + account + ":role/hello-exec")
          .create("hello", "python3.11", Clusters.HANDLER, HELLO);
      Path out = root.resolve("hello.json");
      String[] invoke = {"lambda", "invoke", "--function-name", "hello", out.toString()};
      assertThat(devB.fails(invoke)).contains("AccessDeniedException");
      adminA.ok(
          "lambda",
          "add-permission",
          "--function-name",
          "hello",
          "--statement-id",
          "dev-may-invoke",
          "--action",
          "lambda:InvokeFunction",
          "--principal",
          "arn:aws:iam::" + account + ":user/dev");
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> devB.run(invoke).exit() == 0);
      assertThat(java.nio.file.Files.readString(out)).contains("hello from a cluster");
      assertThat(devB.fails("lambda", "list-functions"))
          .as("the function's policy grants its invoke, nothing else")
          .contains("AccessDeniedException");

      adminB.ok(
          "iam",
          "attach-user-policy",
          "--user-name",
          "dev",
          "--policy-arn",
          "arn:aws:iam::aws:policy/AWSLambda_FullAccess");
      Awaitility.await()
          .atMost(SEEN)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> devA.run("lambda", "list-functions").exit() == 0);
      assertThat(devB.run("lambda", "list-functions").exit()).isZero();

      // SQS is served by the node that owns the queues, the other relays the signed request as
      // sent: the owner checks the signature and the caller's policy on both nodes' requests
      String url =
          adminB.ok("sqs", "create-queue", "--queue-name", "signed").get("QueueUrl").asText();
      adminA.ok("sqs", "send-message", "--queue-url", url, "--message-body", "signed body");
      assertThat(
              adminB
                  .ok("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "5")
                  .get("Messages")
                  .get(0)
                  .get("Body")
                  .asText())
          .isEqualTo("signed body");
      for (AwsCli dev : List.of(devA, devB)) {
        assertThat(dev.fails("sqs", "list-queues"))
            .as("a user whose policies grant Lambda only")
            .contains("AccessDenied");
      }

      assertThat(credentials("list", "--store", store)).contains(id).contains(devId);

      // a relayed SQS request is checked as coming from its caller: the owner reads aws:SourceIp
      // from the cluster-signed mark of the node that relayed it, and only from such a mark
      adminA.ok("iam", "create-user", "--user-name", "office");
      JsonNode officeKey =
          adminA.ok("iam", "create-access-key", "--user-name", "office").get("AccessKey");
      adminA.ok(
          "iam",
          "put-user-policy",
          "--user-name",
          "office",
          "--policy-name",
          "from-the-office",
          "--policy-document",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
              + "\"Action\":\"sqs:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":"
              + "{\"aws:SourceIp\":\"10.9.8.0/24\"}}}]}");
      RelayedFor cluster = new RelayedFor(new PeerWire.Key(clusterSecret(store)));
      Awaitility.await()
          .atMost(SEEN)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                List<Integer> vouched = new ArrayList<>();
                for (ServedOutlet n : List.of(a, b)) {
                  vouched.add(listQueues(n, officeKey, cluster, "10.9.8.7").statusCode());
                }
                // the owner serves it; the other node refuses a request already relayed (its
                // unavailable edge checks the caller first: from 127.0.0.1, AccessDenied)
                assertThat(vouched).containsExactlyInAnyOrder(200, 403);
              });
      ServedOutlet owner =
          listQueues(a, officeKey, cluster, "10.9.8.7").statusCode() == 200 ? a : b;
      var fromHere = listQueues(owner, officeKey, null, null);
      assertThat(fromHere.statusCode()).as("127.0.0.1 is not the office").isNotEqualTo(200);
      assertThat(fromHere.body()).contains("AccessDenied");
      RelayedFor stranger = new RelayedFor(new PeerWire.Key(new byte[32]));
      assertThat(listQueues(owner, officeKey, stranger, "10.9.8.7").body())
          .as("a mark not made with the cluster's secret vouches for nothing")
          .contains("AccessDenied");

      // the registry's login password one node issued opens the other node's registry
      adminA.ok("ecr", "create-repository", "--repository-name", "private");
      String hostB = java.net.URI.create(b.endpoint()).getAuthority();
      dev.outlet.server.testkit.Skopeo skopeo =
          new dev.outlet.server.testkit.Skopeo(root.resolve("skopeo"));
      dev.outlet.server.testkit.OciLayouts.Layout image =
          dev.outlet.server.testkit.OciLayouts.write(
              root.resolve("img"), java.util.Map.of("a", "b"));
      String[] push = {
        "copy",
        "--dest-tls-verify=false",
        "oci:" + image.dir() + ":latest",
        "docker://" + hostB + "/private:v1"
      };
      assertThat(skopeo.run(null, push).exit()).as("no login yet").isNotZero();
      String password = adminA.run("ecr", "get-login-password").out().trim();
      skopeo
          .run(
              password,
              "login",
              "--tls-verify=false",
              "--username",
              "AWS",
              "--password-stdin",
              hostB)
          .ok();
      skopeo.run(null, push).ok();
      assertThat(
              adminA
                  .ok("ecr", "describe-images", "--repository-name", "private")
                  .get("imageDetails")
                  .get(0)
                  .get("imageDigest")
                  .asText())
          .isEqualTo(image.manifestDigest());

      adminA.ok("iam", "delete-access-key", "--user-name", "dev", "--access-key-id", devId);
      Awaitility.await()
          .atMost(SEEN)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(devB.fails("lambda", "list-functions"))
                      .contains("UnrecognizedClientException"));
    } finally {
      nodes.forEach(n -> n.process().destroy()); // both stop at once
      for (ServedOutlet n : nodes) {
        n.stop();
      }
    }
  }

  private static String printed(ServedOutlet node, String prefix) {
    return node.lines().stream()
        .map(String::strip)
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + node.lines()));
  }

  /** {@code outlet credentials ...}, as a user types it. */
  private static String credentials(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine("credentials");
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("credentials"));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  /** The cluster's secret, as the nodes read it. */
  private static byte[] clusterSecret(String store) {
    try (dev.outlet.postgres.PgDatabase db =
        dev.outlet.postgres.PgDatabase.open(
            dev.outlet.postgres.PostgresUrl.parse(store), 1, ClusterNode.SCHEMA)) {
      return dev.outlet.postgres.PgClusterSecret.of(db);
    }
  }

  /**
   * SQS's ListQueues (JSON protocol) signed with {@code key} as the SDK signs it, sent to {@code
   * node} marked as relayed for {@code ip} by {@code relayedFor} (unmarked when null).
   */
  private static java.net.http.HttpResponse<String> listQueues(
      ServedOutlet node, JsonNode key, RelayedFor relayedFor, String ip) throws Exception {
    java.net.URI uri = java.net.URI.create(node.endpoint() + "/");
    byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    software.amazon.awssdk.http.SdkHttpRequest request =
        software.amazon.awssdk.http.SdkHttpRequest.builder()
            .method(software.amazon.awssdk.http.SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("X-Amz-Target", "AmazonSQS.ListQueues")
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .build();
    var signed =
        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                key.get("AccessKeyId").asText(),
                                key.get("SecretAccessKey").asText()))
                        .request(request)
                        .payload(
                            software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body))
                        .putProperty(
                            software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner
                                .SERVICE_SIGNING_NAME,
                            "sqs")
                        .putProperty(
                            software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME,
                            "us-east-1"));
    java.net.http.HttpRequest.Builder out =
        java.net.http.HttpRequest.newBuilder(uri)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> out.header(name, v));
              }
            });
    if (relayedFor != null) {
      out.header(
          QueueRelay.RELAYED,
          relayedFor.mark(
              ip,
              "POST",
              "/",
              signed.request().firstMatchingHeader("Authorization").orElseThrow(),
              signed.request().firstMatchingHeader("X-Amz-Date").orElseThrow()));
    }
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(out.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
