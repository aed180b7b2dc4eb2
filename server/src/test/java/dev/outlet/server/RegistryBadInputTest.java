package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry refuses, over raw HTTP against a real Outlet, each with the spec's error JSON,
 * and what is (not) visible afterwards: a manifest whose digest does not match its bytes, a blob
 * whose digest does not, a push cut off mid-chunk, a manifest naming a missing blob, a repository
 * that does not exist, an oversized manifest, a chunk at the wrong offset.
 */
class RegistryBadInputTest {
  @TempDir static Path root;
  private static TestServer server;
  private static Path registry;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    registry = server.dataDir().resolve("registry");
    new AwsCli(server.endpoint(), root.resolve("cli"))
        .ok("ecr", "create-repository", "--repository-name", "bad");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aManifestWhoseDigestDoesNotMatchItsBytesIsDigestInvalid() {
    String other = digest("something else".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> put = putManifest("/v2/bad/manifests/" + other, manifest(blob("m1")));
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("\"code\":\"DIGEST_INVALID\"");
    assertThat(send("GET", "/v2/bad/manifests/" + other, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aBlobWhoseDigestDoesNotMatchLeavesNothingVisible() throws Exception {
    byte[] bytes = "the real bytes".getBytes(StandardCharsets.UTF_8);
    String claimed = digest("other bytes".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> post =
        send("POST", "/v2/bad/blobs/uploads/?digest=" + claimed, bytes, "application/octet-stream");
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(post.body()).contains("\"code\":\"DIGEST_INVALID\"");
    assertThat(send("HEAD", "/v2/bad/blobs/" + claimed, null, null).statusCode()).isEqualTo(404);
    assertThat(send("HEAD", "/v2/bad/blobs/" + digest(bytes), null, null).statusCode())
        .isEqualTo(404);
    assertThat(Files.exists(blobFile(digest(bytes)))).isFalse();
    assertThat(uploadsLeft()).isZero();
  }

  @Test
  void aPushCutOffMidChunkLeavesNothingAndTheNextPushSucceeds() throws Exception {
    byte[] bytes = new byte[2_000_000];
    Arrays.fill(bytes, (byte) 7);
    String location =
        send("POST", "/v2/bad/blobs/uploads/", null, null)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    try (Socket socket = new Socket("127.0.0.1", URI.create(server.endpoint()).getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PATCH "
                  + location
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                  + "Content-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      await().atMost(Duration.ofSeconds(5)).until(() -> uploadBytes() > 0);
    } // closed halfway
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(uploadsLeft()).isZero();
              assertThat(send("GET", location, null, null).statusCode()).isEqualTo(404);
            });
    assertThat(send("GET", location, null, null).body()).contains("BLOB_UPLOAD_UNKNOWN");
    assertThat(send("HEAD", "/v2/bad/blobs/" + digest(bytes), null, null).statusCode())
        .isEqualTo(404);

    // the same blob again, in two chunks with Content-Range, then the commit
    String again =
        send("POST", "/v2/bad/blobs/uploads/", null, null)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    byte[] first = Arrays.copyOfRange(bytes, 0, 1_000_000);
    byte[] second = Arrays.copyOfRange(bytes, 1_000_000, bytes.length);
    HttpResponse<String> wrong = patch(again, second, "5-1000004");
    assertThat(wrong.statusCode()).isEqualTo(416);
    HttpResponse<String> one = patch(again, first, "0-999999");
    assertThat(one.statusCode()).isEqualTo(202);
    assertThat(one.headers().firstValue("Range")).hasValue("0-999999");
    HttpResponse<String> two = patch(again, second, "1000000-1999999");
    assertThat(two.headers().firstValue("Range")).hasValue("0-1999999");
    HttpResponse<String> done = send("PUT", again + "?digest=" + digest(bytes), null, null);
    assertThat(done.statusCode()).isEqualTo(201);
    HttpResponse<byte[]> blob = sendBytes("/v2/bad/blobs/" + digest(bytes));
    assertThat(blob.body()).isEqualTo(bytes);
    assertThat(uploadsLeft()).isZero();
  }

  @Test
  void aManifestReferencingAMissingBlobIsManifestBlobUnknown() {
    String config = blob("{\"config\":{}}");
    String missing = digest("never uploaded".getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + config
            + "\",\"size\":13},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
            + "\"digest\":\""
            + missing
            + "\",\"size\":14}]}";
    HttpResponse<String> put = putManifest("/v2/bad/manifests/missing", body);
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("\"code\":\"MANIFEST_BLOB_UNKNOWN\"").contains(missing);
    assertThat(send("GET", "/v2/bad/manifests/missing", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void pushingToARepositoryThatDoesNotExistIsNameUnknown() {
    HttpResponse<String> post = send("POST", "/v2/absent/blobs/uploads/", null, null);
    assertThat(post.statusCode()).isEqualTo(404);
    assertThat(post.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"The repository with name 'absent'"
                + " does not exist in the registry with id '000000000000'\"}]}");
    assertThat(send("GET", "/v2/Not_Valid/tags/list", null, null).body()).contains("NAME_INVALID");
  }

  @Test
  void anOversizedManifestIsRefusedWhileItStreams() {
    byte[] big = new byte[(4 << 20) + 1];
    Arrays.fill(big, (byte) ' ');
    HttpResponse<String> put =
        send("PUT", "/v2/bad/manifests/big", big, "application/vnd.oci.image.manifest.v1+json");
    assertThat(put.statusCode()).isEqualTo(413);
    assertThat(put.body()).contains("\"code\":\"SIZE_INVALID\"");
  }

  @Test
  void aManifestThatIsNotOneIsManifestInvalidAndTheBaseAnswersTheApiVersion() {
    HttpResponse<String> put = putManifest("/v2/bad/manifests/junk", "{\"schemaVersion\":1}");
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("MANIFEST_INVALID");
    HttpResponse<String> base = send("GET", "/v2/", null, null);
    assertThat(base.statusCode()).isEqualTo(200);
    assertThat(base.headers().firstValue("Docker-Distribution-API-Version"))
        .hasValue("registry/2.0");
    assertThat(send("GET", "/v2/bad/blobs/sha256:nothex", null, null).body())
        .contains("DIGEST_INVALID");
  }

  // ---- helpers

  private static String manifest(String layer) {
    String config = blob("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + config
        + "\",\"size\":1},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
        + "\"digest\":\""
        + layer
        + "\",\"size\":1}]}";
  }

  /** Uploads {@code content} as a blob of repository {@code bad}; returns its digest. */
  private static String blob(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String d = digest(bytes);
    HttpResponse<String> r =
        send("POST", "/v2/bad/blobs/uploads/?digest=" + d, bytes, "application/octet-stream");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return d;
  }

  private static HttpResponse<String> putManifest(String path, String body) {
    return send(
        "PUT",
        path,
        body.getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");
  }

  private static HttpResponse<String> patch(String location, byte[] chunk, String range) {
    try {
      return server
          .http()
          .send(
              HttpRequest.newBuilder(URI.create(server.endpoint() + location))
                  .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk))
                  .header("Content-Type", "application/octet-stream")
                  .header("Content-Range", range)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> send(String method, String path, byte[] body, String type) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(server.endpoint() + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      if (type != null) {
        b.header("Content-Type", type);
      }
      return server.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<byte[]> sendBytes(String path) {
    try {
      return server
          .http()
          .send(
              HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String digest(byte[] bytes) {
    return "sha256:" + OciLayouts.hex(OciLayouts.sha256(bytes));
  }

  private static Path blobFile(String digest) {
    return registry.resolve("blobs/sha256/" + digest.substring(7));
  }

  private static long uploadsLeft() throws Exception {
    try (Stream<Path> s = Files.list(registry.resolve("uploads"))) {
      return s.count();
    }
  }

  private static long uploadBytes() throws Exception {
    try (Stream<Path> s = Files.list(registry.resolve("uploads"))) {
      return s.mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
