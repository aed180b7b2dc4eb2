package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's shared blobs that nothing uses any more are removed, and nothing in use is: two
 * {@code outlet serve --store postgresql://... --unused-blob-grace 2} nodes on one real PostgreSQL,
 * driven with {@code /usr/bin/aws} and {@code skopeo}. A function's code replaced after a version
 * was published (both packages in use), a deleted function, a deleted layer version beside a kept
 * one, and an image in a deleted repository beside one in a kept repository: the shared store ends
 * with exactly what is in use, and what is in use still runs through the other node.
 */
class ClusterUnusedBlobsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  private static byte[] handler(String greeting) {
    return TestZips.zip()
        .file(
            "lambda_function.py",
            "def lambda_handler(event, context):\n    return \"" + greeting + "\"\n",
            0644)
        .bytes();
  }

  private static byte[] layer(String module) {
    return TestZips.zip().file("python/" + module + ".py", "VALUE = 1\n", 0644).bytes();
  }

  @Test
  void onlyWhatNoFunctionVersionLayerOrRepositoryUsesIsRemoved() throws Exception {
    Clusters.assumeTools();
    Skopeo.assumeInstalled();
    List<ServedOutlet> nodes = new ArrayList<>();
    try (LocalPostgres postgres = LocalPostgres.start()) {
      String store = postgres.newDatabase();
      try {
        run(store, nodes);
      } finally { // the nodes stop while their database still runs
        nodes.forEach(n -> n.process().destroy()); // both stop at once
        for (ServedOutlet n : nodes) {
          n.stop();
        }
      }
    }
  }

  private void run(String store, List<ServedOutlet> nodes) throws Exception {
    nodes.addAll(
        ServedOutlet.startAll(
            List.of(root.resolve("node0"), root.resolve("node1")),
            List.of("--store", store, "--unused-blob-grace", "2")));
    AwsCli first = new AwsCli(nodes.get(0).endpoint(), root.resolve("cli0"));
    AwsCli second = new AwsCli(nodes.get(1).endpoint(), root.resolve("cli1"));
    CliFunctions functions = new CliFunctions(first, root.resolve("zips"));

    byte[] v1 = handler("version one");
    byte[] v2 = handler("version two");
    byte[] doomed = handler("deleted");
    functions.create("kept", "python3.11", Clusters.HANDLER, v1);
    first.ok("lambda", "publish-version", "--function-name", "kept");
    Path v2Zip = Files.write(root.resolve("v2.zip"), v2);
    first.ok(
        "lambda",
        "update-function-code",
        "--function-name",
        "kept",
        "--zip-file",
        "fileb://" + v2Zip);
    first.ok("lambda", "wait", "function-updated-v2", "--function-name", "kept");
    functions.create("doomed", "python3.11", Clusters.HANDLER, doomed);
    second.ok("lambda", "delete-function", "--function-name", "doomed");

    byte[] keptLayer = layer("kept_helpers");
    byte[] goneLayer = layer("gone_helpers");
    publishLayer(first, "kept-layer", keptLayer);
    publishLayer(first, "gone-layer", goneLayer);
    second.ok(
        "lambda", "delete-layer-version", "--layer-name", "gone-layer", "--version-number", "1");

    String host = URI.create(nodes.get(1).endpoint()).getAuthority();
    Skopeo skopeo = new Skopeo(root.resolve("skopeo"));
    second.ok("ecr", "create-repository", "--repository-name", "gc/kept");
    second.ok("ecr", "create-repository", "--repository-name", "gc/gone");
    OciLayouts.Layout keptImage = OciLayouts.write(root.resolve("kept-img"), Map.of("a", "1"));
    OciLayouts.Layout goneImage = OciLayouts.write(root.resolve("gone-img"), Map.of("b", "2"));
    push(skopeo, keptImage, host + "/gc/kept:v1");
    push(skopeo, goneImage, host + "/gc/gone:v1");
    first.ok("ecr", "delete-repository", "--repository-name", "gc/gone", "--force");

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(blobs(store, "outlet_us_east_1"))
                  .as("packages in use: both of kept's, the kept layer's")
                  .containsExactlyInAnyOrder(sha256(v1), sha256(v2), sha256(keptLayer));
              assertThat(blobs(store, SharedRegistry.SCHEMA))
                  .as("the kept repository's image blobs")
                  .containsExactlyInAnyOrder(hex(keptImage.config()), hex(keptImage.layer()));
            });

    assertThat(invoke(second, "kept:1")).isEqualTo("\"version one\"");
    assertThat(invoke(second, "kept")).isEqualTo("\"version two\"");
    Path pulled = root.resolve("pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + URI.create(nodes.get(0).endpoint()).getAuthority() + "/gc/kept:v1",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(keptImage.layer()))).isRegularFile();
  }

  private static void publishLayer(AwsCli cli, String name, byte[] zip) throws Exception {
    Path file = Files.createTempFile("layer", ".zip");
    try {
      Files.write(file, zip);
      cli.ok(
          "lambda",
          "publish-layer-version",
          "--layer-name",
          name,
          "--compatible-runtimes",
          "python3.11",
          "--zip-file",
          "fileb://" + file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void push(Skopeo skopeo, OciLayouts.Layout image, String target) {
    skopeo.ok(
        "copy", "--dest-tls-verify=false", "oci:" + image.dir() + ":latest", "docker://" + target);
  }

  private String invoke(AwsCli cli, String function) throws Exception {
    Path out = Files.createTempFile(root, "out", ".json");
    var meta = cli.ok("lambda", "invoke", "--function-name", function, out.toString());
    assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
    return JSON.readTree(Files.readString(out)).toString();
  }

  /** The digests in {@code schema}'s shared blob table. */
  private static List<String> blobs(String store, String schema) throws Exception {
    PostgresUrl url = PostgresUrl.parse(store);
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT digest FROM " + schema + ".blobs")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }
}
