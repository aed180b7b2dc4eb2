package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ImageFunctions;
import dev.outlet.server.testkit.ImageLayouts;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's container registry: three {@code outlet serve --store postgresql://...} nodes on one
 * real PostgreSQL, images pushed and pulled with {@code skopeo}, functions made and invoked with
 * {@code /usr/bin/aws}, in order:
 *
 * <ol>
 *   <li>a repository made through one node takes a push through a second at once, and the third
 *       lists the image with the same digest and serves its manifest;
 *   <li>the node the image was pushed through killed with -9: a function made from the image
 *       through another node runs (its layers come from the shared store, the only copy left), and
 *       a pull through the third node gets every layer, checked by digest;
 *   <li>two nodes creating one repository at once: one creates it, the other gets ECR's {@code
 *       RepositoryAlreadyExistsException}; deleted through one, it is gone on the other, whose
 *       registry then refuses a push to it ({@code NAME_UNKNOWN});
 *   <li>an upload session opened through one node takes a chunk (chunked), answers its status and
 *       takes its last chunk and commit through another (Content-Length), each relayed to the node
 *       that opened it; a session id a client made up, or one of the dead node's, is {@code
 *       BLOB_UPLOAD_UNKNOWN}; {@code skopeo} pushes through HAProxy sending each request to the
 *       next node, and the image pulls through a node;
 *   <li>with {@code --unused-blob-grace 2}: a function's code replaced after a version was
 *       published, a deleted function, a deleted layer version beside a kept one, an image in a
 *       deleted repository beside one in a kept repository, an image deleted from a kept
 *       repository: the shared stores end with exactly what is in use, and what is in use still
 *       runs and pulls.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterImagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static String store;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();
  private static Skopeo skopeo;
  private static Path runtime;
  private static String deadSession;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    Skopeo.assumeInstalled();
    runtime = ImageFunctions.runtime(root.resolve("go"));
    postgres = LocalPostgres.start();
    store = postgres.newDatabase();
    nodes.addAll(
        ServedOutlet.startAll(
            List.of(root.resolve("node0"), root.resolve("node1"), root.resolve("node2")),
            List.of("--store", store, "--unused-blob-grace", "2")));
    for (int i = 0; i < 3; i++) {
      clis.add(new AwsCli(nodes.get(i).endpoint(), root.resolve("cli" + i)));
    }
    skopeo = new Skopeo(root.resolve("skopeo"));
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  private static URI uri(int node, String path) {
    return URI.create(nodes.get(node).endpoint() + path);
  }

  private static HttpResponse<String> http(int node, String method, String path, byte[] body)
      throws Exception {
    return send(
        node,
        HttpRequest.newBuilder(uri(node, path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<String> send(int node, HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int port(int node) {
    return URI.create(nodes.get(node).endpoint()).getPort();
  }

  private static String host(int node) {
    return URI.create(nodes.get(node).endpoint()).getAuthority();
  }

  @Test
  @Order(0)
  void anImagePushedThroughOneNodeIsListedAndServedByTheOthers() throws Exception {
    clis.get(0).ok("ecr", "create-repository", "--repository-name", "apps/shared");
    Path layout =
        ImageLayouts.image()
            .file("bootstrap", Files.readAllBytes(runtime), 0755)
            .entrypoint("/bootstrap")
            .env("IMAGE_VERSION=cluster")
            .write(root.resolve("layout"));
    skopeo
        .run(
            null,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout + ":latest",
            "docker://" + host(1) + "/apps/shared:v1")
        .ok();
    HttpResponse<String> opened = http(1, "POST", "/v2/apps/shared/blobs/uploads/", null);
    assertThat(opened.statusCode()).isEqualTo(202);
    deadSession = opened.headers().firstValue("Location").orElseThrow(); // node 1 dies next

    JsonNode described =
        clis.get(2).ok("ecr", "describe-images", "--repository-name", "apps/shared");
    assertThat(described.get("imageDetails")).hasSize(1);
    JsonNode image = described.get("imageDetails").get(0);
    assertThat(image.get("imageTags").get(0).asText()).isEqualTo("v1");
    String digest = image.get("imageDigest").asText();
    assertThat(manifest(0).get("layers")).isNotEmpty();
    assertThat(
            clis.get(0)
                .ok(
                    "ecr",
                    "batch-get-image",
                    "--repository-name",
                    "apps/shared",
                    "--image-ids",
                    "imageTag=v1")
                .get("images")
                .get(0)
                .get("imageId")
                .get("imageDigest")
                .asText())
        .isEqualTo(digest);
  }

  @Test
  @Order(1)
  void withThePushingNodeKilledTheImageRunsAndPullsFromTheSharedStore() throws Exception {
    JsonNode manifest = manifest(2);
    String layer = manifest.get("layers").get(0).get("digest").asText();
    nodes.get(1).killNine();
    assertThat(cached(0, layer) || cached(2, layer)).as("only node 1 had the layer").isFalse();

    clis.get(0).ok(ImageFunctions.create("image-fn", host(0) + "/apps/shared:v1"));
    clis.get(0).ok("lambda", "wait", "function-active-v2", "--function-name", "image-fn");
    for (int node : new int[] {0, 2}) {
      Path out = root.resolve("out" + node + ".json");
      JsonNode meta =
          clis.get(node)
              .ok(
                  "lambda",
                  "invoke",
                  "--function-name",
                  "image-fn",
                  "--cli-binary-format",
                  "raw-in-base64-out",
                  "--payload",
                  "{}",
                  out.toString());
      assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
      assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
      assertThat(JSON.readTree(Files.readString(out)).path("IMAGE_VERSION").asText())
          .isEqualTo("cluster");
    }
    assertThat(cached(0, layer) || cached(2, layer))
        .as("the node that ran it fetched the layer from the shared store")
        .isTrue();

    Path pulled = root.resolve("pulled");
    skopeo
        .run(
            null,
            "copy",
            "--src-tls-verify=false",
            "docker://" + host(2) + "/apps/shared:v1",
            "oci:" + pulled + ":v1")
        .ok();
    assertThat(pulled.resolve("blobs/sha256/" + layer.substring("sha256:".length())))
        .isRegularFile();
    assertThat(cached(2, layer)).isTrue();
  }

  @Test
  @Order(2)
  void twoNodesCreatingOneRepositoryAtOnceMakeOneAndADeleteIsSeenByAll() throws Exception {
    List<CompletableFuture<AwsCli.Run>> racing = new ArrayList<>();
    for (int node : new int[] {0, 2}) {
      racing.add(
          CompletableFuture.supplyAsync(
              () ->
                  clis.get(node)
                      .run("ecr", "create-repository", "--repository-name", "apps/race")));
    }
    List<AwsCli.Run> runs = racing.stream().map(CompletableFuture::join).toList();
    assertThat(runs.stream().filter(r -> r.exit() == 0)).hasSize(1);
    assertThat(runs.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow().err())
        .contains("RepositoryAlreadyExistsException")
        .contains("apps/race");

    clis.get(0).ok("ecr", "delete-repository", "--repository-name", "apps/race", "--force");
    AwsCli.Run gone =
        clis.get(2).run("ecr", "describe-repositories", "--repository-names", "apps/race");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("RepositoryNotFoundException");
    Skopeo.Run refused =
        skopeo.run(
            null,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + root.resolve("layout") + ":latest",
            "docker://" + host(2) + "/apps/race:v1");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).containsIgnoringCase("name unknown");
  }

  @Test
  @Order(3)
  void skopeoPushesThroughABalancerSendingEachRequestToTheNextNode() throws Exception {
    Balancer.assumeInstalled();
    clis.get(0).ok("ecr", "create-repository", "--repository-name", "apps/balanced");
    try (Balancer balancer = Balancer.start(root.resolve("haproxy"), List.of(port(0), port(2)))) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(
              () ->
                  HTTP.send(
                              HttpRequest.newBuilder(URI.create(balancer.endpoint() + "/v2/"))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200);
      OciLayouts.Layout image =
          OciLayouts.write(root.resolve("spread-img"), Map.of("spread", "yes"));
      push(image, balancer.authority() + "/apps/balanced:v1");
      Path pulled = root.resolve("spread-pulled");
      skopeo.ok(
          "copy",
          "--src-tls-verify=false",
          "docker://" + host(2) + "/apps/balanced:v1",
          "oci:" + pulled + ":v1");
      assertThat(pulled.resolve("blobs/sha256/" + hex(image.layer()))).isRegularFile();
      assertThat(balancer.requests("/blobs/uploads/"))
          .as("upload requests the balancer sent to each node")
          .allSatisfy(n -> assertThat(n).isPositive());
    }
    clis.get(2).ok("ecr", "delete-repository", "--repository-name", "apps/balanced", "--force");
  }

  @Test
  @Order(4)
  void anUploadOpenedThroughOneNodeTakesItsChunksAndCommitThroughAnother() throws Exception {
    clis.get(0).ok("ecr", "create-repository", "--repository-name", "apps/spread");
    byte[] blob = new byte[3 << 20];
    new java.util.Random(7).nextBytes(blob);
    int half = blob.length / 2;
    String digest = "sha256:" + sha256(blob);

    HttpResponse<String> opened = http(0, "POST", "/v2/apps/spread/blobs/uploads/", null);
    assertThat(opened.statusCode()).isEqualTo(202);
    String session = opened.headers().firstValue("Location").orElseThrow();
    assertThat(session).matches("/v2/apps/spread/blobs/uploads/[A-Za-z0-9_-]+\\.[0-9a-f-]{36}");

    // a chunk of unknown length (chunked) through node 2: relayed to node 0, which holds it
    HttpResponse<String> chunk =
        send(
            2,
            HttpRequest.newBuilder(uri(2, session))
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(blob, 0, half)))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "0-" + (half - 1)));
    assertThat(chunk.statusCode()).as(chunk.body()).isEqualTo(202);
    assertThat(chunk.headers().firstValue("Range")).hasValue("0-" + (half - 1));
    HttpResponse<String> status = http(2, "GET", session, null);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-" + (half - 1));

    // the rest and the commit (Content-Length) through node 2 again
    HttpResponse<String> committed =
        send(
            2,
            HttpRequest.newBuilder(uri(2, session + "?digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob, half, blob.length - half))
                .header("Content-Type", "application/octet-stream"));
    assertThat(committed.statusCode()).as(committed.body()).isEqualTo(201);
    assertThat(committed.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    HttpResponse<String> stored = http(2, "HEAD", "/v2/apps/spread/blobs/" + digest, null);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(blob.length));

    // a session id naming an address no node signed relays nothing; a dead node's session is
    // unknown
    com.sun.net.httpserver.HttpServer elsewhere =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.atomic.AtomicInteger reached =
        new java.util.concurrent.atomic.AtomicInteger();
    elsewhere.createContext(
        "/",
        exchange -> {
          reached.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    elsewhere.start();
    try {
      String tagged = session.substring(session.lastIndexOf('/') + 1);
      String madeUp =
          session.replace(
              tagged,
              java.util.Base64.getUrlEncoder()
                      .withoutPadding()
                      .encodeToString(
                          ("127.0.0.1:" + elsewhere.getAddress().getPort())
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  + tagged.substring(tagged.indexOf('.') - 43));
      for (String unknown : List.of(madeUp, deadSession)) {
        HttpResponse<String> refused = http(2, "GET", unknown, null);
        assertThat(refused.statusCode()).as(unknown).isEqualTo(404);
        assertThat(refused.body()).contains("BLOB_UPLOAD_UNKNOWN");
      }
      assertThat(reached).as("requests relayed to the address a client named").hasValue(0);
    } finally {
      elsewhere.stop(0);
    }

    clis.get(2).ok("ecr", "delete-repository", "--repository-name", "apps/spread", "--force");
  }

  @Test
  @Order(5)
  void onlyWhatNoFunctionVersionLayerOrRepositoryUsesIsRemovedFromTheSharedStores()
      throws Exception {
    AwsCli first = clis.get(0);
    AwsCli second = clis.get(2); // node 1 was killed
    CliFunctions functions = new CliFunctions(first, root.resolve("zips"));
    byte[] v1 = handler("version one");
    byte[] v2 = handler("version two");
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
    functions.create("doomed", "python3.11", Clusters.HANDLER, handler("deleted"));
    second.ok("lambda", "delete-function", "--function-name", "doomed");

    byte[] keptLayer = layer("kept_helpers");
    publishLayer(first, "kept-layer", keptLayer);
    publishLayer(first, "gone-layer", layer("gone_helpers"));
    second.ok(
        "lambda", "delete-layer-version", "--layer-name", "gone-layer", "--version-number", "1");

    second.ok("ecr", "create-repository", "--repository-name", "gc/kept");
    second.ok("ecr", "create-repository", "--repository-name", "gc/gone");
    OciLayouts.Layout keptImage = OciLayouts.write(root.resolve("kept-img"), Map.of("a", "1"));
    OciLayouts.Layout goneImage = OciLayouts.write(root.resolve("gone-img"), Map.of("b", "2"));
    OciLayouts.Layout droppedImage =
        OciLayouts.write(root.resolve("dropped-img"), Map.of("c", "3"));
    push(keptImage, host(2) + "/gc/kept:v1");
    push(droppedImage, host(2) + "/gc/kept:v2");
    push(goneImage, host(2) + "/gc/gone:v1");
    first.ok("ecr", "delete-repository", "--repository-name", "gc/gone", "--force");
    first.ok(
        "ecr", "batch-delete-image", "--repository-name", "gc/kept", "--image-ids", "imageTag=v2");

    JsonNode shared = manifest(0);
    List<String> imageBlobs =
        new ArrayList<>(List.of(hex(keptImage.config()), hex(keptImage.layer())));
    imageBlobs.add(hex(shared.get("config").get("digest").asText()));
    shared.get("layers").forEach(l -> imageBlobs.add(hex(l.get("digest").asText())));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(blobs("outlet_us_east_1"))
                  .as("packages in use: both of kept's, the kept layer's")
                  .containsExactlyInAnyOrder(sha256(v1), sha256(v2), sha256(keptLayer));
              assertThat(blobs(SharedRegistry.SCHEMA))
                  .as("the blobs of the images in apps/shared and gc/kept")
                  .containsExactlyInAnyOrderElementsOf(imageBlobs);
              assertThat(cached(2, goneImage.layer()))
                  .as("node 2's copy of a layer of the repository node 0 deleted")
                  .isFalse();
              assertThat(cached(2, droppedImage.layer()))
                  .as("node 2's copy of a layer of the image node 0 deleted")
                  .isFalse();
            });
    assertThat(cached(2, keptImage.layer())).isTrue();

    assertThat(invoke(second, "kept:1")).isEqualTo("\"version one\"");
    assertThat(invoke(second, "kept")).isEqualTo("\"version two\"");
    Path pulled = root.resolve("gc-pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host(0) + "/gc/kept:v1",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(keptImage.layer()))).isRegularFile();
  }

  /**
   * A push through node 2 reusing a layer of an image deleted through node 0 at that moment: the
   * layer node 2 was asked about stays linked for the push's manifest (the mark is in the shared
   * tables), which is accepted and pulls through node 0.
   */
  @Test
  @Order(6)
  void aLayerCheckedThroughOneNodeOutlivesItsImageDeletedThroughAnother() throws Exception {
    clis.get(0).ok("ecr", "create-repository", "--repository-name", "apps/race");
    Map<String, String> files = Map.of("hello", "#!/bin/sh\necho race\n");
    OciLayouts.Layout first =
        OciLayouts.write(root.resolve("race-first"), files, "amd64", "{\"Env\":[\"V=1\"]}");
    OciLayouts.Layout second =
        OciLayouts.write(root.resolve("race-second"), files, "amd64", "{\"Env\":[\"V=2\"]}");
    push(first, host(0) + "/apps/race:first");
    // the push's steps as a client sends them, each at once (the nodes' grace is 2 s)
    assertThat(http(2, "HEAD", "/v2/apps/race/blobs/" + second.layer(), null).statusCode())
        .isEqualTo(200);
    assertThat(
            http(0, "DELETE", "/v2/apps/race/manifests/" + first.manifestDigest(), null)
                .statusCode())
        .isEqualTo(202);
    byte[] config =
        Files.readAllBytes(second.dir().resolve("blobs/sha256/" + hex(second.config())));
    assertThat(
            http(2, "POST", "/v2/apps/race/blobs/uploads/?digest=" + second.config(), config)
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> put =
        send(
            2,
            HttpRequest.newBuilder(uri(2, "/v2/apps/race/manifests/second"))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(second.manifest())));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    Thread.sleep(3_000); // past the grace: a collection pass leaves what a manifest names
    Path pulled = root.resolve("race-pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host(0) + "/apps/race:second",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(second.layer()))).isRegularFile();
  }

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

  private static void push(OciLayouts.Layout image, String target) {
    skopeo.ok(
        "copy", "--dest-tls-verify=false", "oci:" + image.dir() + ":latest", "docker://" + target);
  }

  private static String invoke(AwsCli cli, String function) throws Exception {
    Path out = Files.createTempFile(root, "out", ".json");
    var meta = cli.ok("lambda", "invoke", "--function-name", function, out.toString());
    assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
    return JSON.readTree(Files.readString(out)).toString();
  }

  /** The digests in {@code schema}'s shared blob table. */
  private static List<String> blobs(String schema) throws Exception {
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

  /** The image's manifest as {@code skopeo inspect --raw} reads it through node {@code node}. */
  private static JsonNode manifest(int node) throws Exception {
    return JSON.readTree(
        skopeo
            .run(
                null,
                "inspect",
                "--raw",
                "--tls-verify=false",
                "docker://" + host(node) + "/apps/shared:v1")
            .ok());
  }

  /** Whether node {@code node}'s registry folder holds blob {@code digest}. */
  private static boolean cached(int node, String digest) throws Exception {
    Path blobs = root.resolve("node" + node).resolve("registry/blobs/sha256");
    if (!Files.isDirectory(blobs)) {
      return false;
    }
    try (Stream<Path> files = Files.list(blobs)) {
      String hex = digest.substring("sha256:".length());
      return files.anyMatch(f -> f.getFileName().toString().equals(hex));
    }
  }
}
