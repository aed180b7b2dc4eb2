package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images pushed and pulled by Debian's {@code skopeo} and looked at with {@code aws ecr} (the
 * Debian AWS CLI v2) against a real Outlet: an OCI layout the test writes, pushed by tag and by
 * digest, inspected, copied back with identical digests, mounted across repositories, listed and
 * deleted.
 */
class RegistrySkopeoTest {
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static Skopeo skopeo;
  private static String host;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    Skopeo.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    skopeo = new Skopeo(root.resolve("skopeo"));
    host = URI.create(server.endpoint()).getAuthority();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static OciLayouts.Layout layout(String name, String content) {
    return OciLayouts.write(
        root.resolve(name),
        Map.of("hello", "#!/bin/sh\necho " + content + "\n", "etc/motd", content));
  }

  private static String push(OciLayouts.Layout layout, String reference) {
    return skopeo.ok(
        "copy",
        "--dest-tls-verify=false",
        "oci:" + layout.dir() + ":latest",
        "docker://" + host + "/" + reference);
  }

  @Test
  void pushesAnOciLayoutThatEcrDescribesAndSkopeoReadsBackByteForByte() throws Exception {
    JsonNode repo =
        aws.ok("ecr", "create-repository", "--repository-name", "apps/hello").get("repository");
    assertThat(repo.get("repositoryUri").asText()).isEqualTo(host + "/apps/hello");
    assertThat(repo.get("repositoryArn").asText())
        .isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/apps/hello");
    OciLayouts.Layout image = layout("hello", "one");
    push(image, "apps/hello:v1");

    JsonNode details =
        aws.ok("ecr", "describe-images", "--repository-name", "apps/hello").get("imageDetails");
    assertThat(details).hasSize(1);
    assertThat(details.get(0).get("imageDigest").asText()).isEqualTo(image.manifestDigest());
    assertThat(details.get(0).get("imageTags").get(0).asText()).isEqualTo("v1");
    assertThat(details.get(0).get("imageManifestMediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(details.get(0).get("imageSizeInBytes").asLong()).isPositive();

    JsonNode ids = aws.ok("ecr", "list-images", "--repository-name", "apps/hello").get("imageIds");
    assertThat(ids).hasSize(1);
    assertThat(ids.get(0).get("imageTag").asText()).isEqualTo("v1");

    JsonNode got =
        aws.ok(
            "ecr",
            "batch-get-image",
            "--repository-name",
            "apps/hello",
            "--image-ids",
            "imageTag=v1");
    assertThat(got.get("images").get(0).get("imageManifest").asText())
        .isEqualTo(new String(image.manifest(), StandardCharsets.UTF_8));

    String raw =
        skopeo.ok("inspect", "--raw", "--tls-verify=false", "docker://" + host + "/apps/hello:v1");
    assertThat(raw).isEqualTo(new String(image.manifest(), StandardCharsets.UTF_8));
    JsonNode inspected =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                skopeo.ok("inspect", "--tls-verify=false", "docker://" + host + "/apps/hello:v1"));
    assertThat(inspected.get("Digest").asText()).isEqualTo(image.manifestDigest());
    assertThat(inspected.get("Layers").get(0).asText()).isEqualTo(image.layer());

    Path back = root.resolve("back");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host + "/apps/hello:v1",
        "oci:" + back + ":latest");
    assertThat(OciLayouts.indexedManifest(back)).isEqualTo(image.manifestDigest());
    for (String digest : new String[] {image.layer(), image.config(), image.manifestDigest()}) {
      String hex = digest.substring("sha256:".length());
      assertThat(Files.readAllBytes(back.resolve("blobs/sha256/" + hex)))
          .isEqualTo(Files.readAllBytes(image.dir().resolve("blobs/sha256/" + hex)));
    }
  }

  @Test
  void pushesByDigestListsTagsMountsAcrossRepositoriesAndDeletes() throws Exception {
    aws.ok("ecr", "create-repository", "--repository-name", "tagged");
    OciLayouts.Layout image = layout("tagged", "two");
    push(image, "tagged@" + image.manifestDigest());
    push(image, "tagged:b");
    push(image, "tagged:a");
    push(image, "tagged:c");

    HttpResponse<String> tags = get("/v2/tagged/tags/list");
    assertThat(tags.statusCode()).isEqualTo(200);
    assertThat(tags.body()).isEqualTo("{\"name\":\"tagged\",\"tags\":[\"a\",\"b\",\"c\"]}");
    HttpResponse<String> page = get("/v2/tagged/tags/list?n=1&last=a");
    assertThat(page.body()).isEqualTo("{\"name\":\"tagged\",\"tags\":[\"b\"]}");
    assertThat(page.headers().firstValue("Link"))
        .hasValue("</v2/tagged/tags/list?n=1&last=b>; rel=\"next\"");

    aws.ok("ecr", "create-repository", "--repository-name", "mounted");
    HttpResponse<String> blob = head("/v2/mounted/blobs/" + image.layer());
    assertThat(blob.statusCode()).as("not in the other repository yet").isEqualTo(404);
    HttpResponse<String> mount =
        server
            .http()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            server.endpoint()
                                + "/v2/mounted/blobs/uploads/?mount="
                                + image.layer()
                                + "&from=tagged"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(mount.statusCode()).isEqualTo(201);
    assertThat(mount.headers().firstValue("Docker-Content-Digest")).hasValue(image.layer());
    assertThat(head("/v2/mounted/blobs/" + image.layer()).statusCode()).isEqualTo(200);
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "docker://" + host + "/tagged:a",
        "docker://" + host + "/mounted:copy");
    assertThat(get("/v2/mounted/manifests/copy").headers().firstValue("Docker-Content-Digest"))
        .hasValue(image.manifestDigest());

    JsonNode deleted =
        aws.ok(
            "ecr",
            "batch-delete-image",
            "--repository-name",
            "tagged",
            "--image-ids",
            "imageTag=a");
    assertThat(deleted.get("imageIds").get(0).get("imageDigest").asText())
        .isEqualTo(image.manifestDigest());
    assertThat(get("/v2/tagged/manifests/a").statusCode()).isEqualTo(404);
    assertThat(get("/v2/tagged/manifests/b").statusCode()).as("other tags stay").isEqualTo(200);
    aws.ok(
        "ecr",
        "batch-delete-image",
        "--repository-name",
        "tagged",
        "--image-ids",
        "imageDigest=" + image.manifestDigest());
    assertThat(aws.ok("ecr", "list-images", "--repository-name", "tagged").get("imageIds"))
        .isEmpty();
    assertThat(get("/v2/tagged/manifests/" + image.manifestDigest()).body())
        .contains("MANIFEST_UNKNOWN");

    String notEmpty = aws.fails("ecr", "delete-repository", "--repository-name", "mounted");
    assertThat(notEmpty)
        .contains("RepositoryNotEmptyException")
        .contains(
            "The repository with name 'mounted' in registry with id '000000000000' cannot be deleted because it still contains images");
    aws.ok("ecr", "delete-repository", "--repository-name", "mounted", "--force");
    assertThat(aws.fails("ecr", "describe-repositories", "--repository-names", "mounted"))
        .contains("RepositoryNotFoundException")
        .contains(
            "The repository with name 'mounted' does not exist in the registry with id '000000000000'");
  }

  @Test
  void aDeletedRepositorysBlobsGoUnlessAnotherRepositoryLinksThem() throws Exception {
    aws.ok("ecr", "create-repository", "--repository-name", "blobs/kept");
    aws.ok("ecr", "create-repository", "--repository-name", "blobs/gone");
    OciLayouts.Layout shared = layout("blobs-shared", "shared by two repositories");
    OciLayouts.Layout own = layout("blobs-own", "only in the deleted one");
    push(shared, "blobs/kept:v1");
    push(shared, "blobs/gone:v1");
    push(own, "blobs/gone:v2");
    Path blobs = root.resolve("data/registry/blobs/sha256");
    for (String digest : List.of(shared.layer(), shared.config(), own.layer(), own.config())) {
      assertThat(blobs.resolve(hex(digest))).isRegularFile();
    }

    aws.ok("ecr", "delete-repository", "--repository-name", "blobs/gone", "--force");
    assertThat(blobs.resolve(hex(own.layer()))).doesNotExist();
    assertThat(blobs.resolve(hex(own.config()))).doesNotExist();
    assertThat(blobs.resolve(hex(shared.layer()))).isRegularFile();
    assertThat(blobs.resolve(hex(shared.config()))).isRegularFile();
    Path pulled = root.resolve("blobs-pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host + "/blobs/kept:v1",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(shared.layer()))).isRegularFile();
  }

  @Test
  void aDeletedImagesBlobsGoUnlessAnImageLeftNamesThem() throws Exception {
    aws.ok("ecr", "create-repository", "--repository-name", "images/one");
    aws.ok("ecr", "create-repository", "--repository-name", "images/two");
    Map<String, String> files = Map.of("hello", "#!/bin/sh\necho one layer, two images\n");
    OciLayouts.Layout first =
        OciLayouts.write(
            root.resolve("img-first"),
            files,
            "amd64",
            "{\"Entrypoint\":[\"/hello\"],\"Env\":[\"V=1\"]}");
    OciLayouts.Layout second =
        OciLayouts.write(
            root.resolve("img-second"),
            files,
            "amd64",
            "{\"Entrypoint\":[\"/hello\"],\"Env\":[\"V=2\"]}");
    assertThat(second.layer()).isEqualTo(first.layer());
    OciLayouts.Layout own = layout("img-own", "only in the deleted image");
    OciLayouts.Layout elsewhere = layout("img-elsewhere", "in another repository too");
    push(first, "images/one:first");
    push(second, "images/one:second");
    push(own, "images/one:own");
    push(own, "images/one:own-too");
    push(elsewhere, "images/one:elsewhere");
    push(elsewhere, "images/two:v1");
    Path blobs = root.resolve("data/registry/blobs/sha256");

    // a tag deleted while another tag names its image: the image stays, and its blobs
    deleteImage("images/one", "imageTag=own-too");
    assertThat(blobs.resolve(hex(own.layer()))).isRegularFile();
    // the image's last tag: the image goes, and the blobs only it named
    deleteImage("images/one", "imageTag=own");
    assertThat(blobs.resolve(hex(own.layer()))).doesNotExist();
    assertThat(blobs.resolve(hex(own.config()))).doesNotExist();
    // by digest: its config goes, its layer stays (the image left in the repository names it)
    deleteImage("images/one", "imageDigest=" + first.manifestDigest());
    assertThat(blobs.resolve(hex(first.config()))).doesNotExist();
    assertThat(blobs.resolve(hex(first.layer()))).isRegularFile();
    // an image whose blobs another repository links: they stay
    deleteImage("images/one", "imageTag=elsewhere");
    assertThat(blobs.resolve(hex(elsewhere.layer()))).isRegularFile();
    assertThat(blobs.resolve(hex(elsewhere.config()))).isRegularFile();

    Path pulled = root.resolve("images-pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host + "/images/one:second",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(second.layer()))).isRegularFile();
    assertThat(pulled.resolve("blobs/sha256/" + hex(second.config()))).isRegularFile();
    push(own, "images/one:own"); // pushed again, its blobs come back
    assertThat(blobs.resolve(hex(own.layer()))).isRegularFile();
  }

  /**
   * A push reusing a layer of an image deleted at that moment: the client checked the layer (there,
   * so not sent again), then the image naming it was deleted, then the manifest came. The layer a
   * push checked stays linked for it (the push's grace), so the manifest is accepted and pulls.
   */
  @Test
  void aPushThatCheckedALayerPutsItsManifestAfterTheImageNamingItWasDeleted() throws Exception {
    aws.ok("ecr", "create-repository", "--repository-name", "race");
    Map<String, String> files = Map.of("hello", "#!/bin/sh\necho shared\n");
    OciLayouts.Layout first =
        OciLayouts.write(root.resolve("race-first"), files, "amd64", "{\"Env\":[\"V=1\"]}");
    OciLayouts.Layout second =
        OciLayouts.write(root.resolve("race-second"), files, "amd64", "{\"Env\":[\"V=2\"]}");
    assertThat(second.layer()).isEqualTo(first.layer());
    push(first, "race:first");
    assertThat(head("/v2/race/blobs/" + second.layer()).statusCode()).isEqualTo(200);
    byte[] config =
        Files.readAllBytes(second.dir().resolve("blobs/sha256/" + hex(second.config())));
    HttpResponse<String> uploaded =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.endpoint() + "/v2/race/blobs/uploads/?digest=" + second.config()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(config))
                .build());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    deleteImage("race", "imageTag=first");
    HttpResponse<String> manifest =
        send(
            HttpRequest.newBuilder(URI.create(server.endpoint() + "/v2/race/manifests/second"))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(second.manifest()))
                .build());
    assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(201);
    Path pulled = root.resolve("race-pulled");
    skopeo.ok(
        "copy",
        "--src-tls-verify=false",
        "docker://" + host + "/race:second",
        "oci:" + pulled + ":v1");
    assertThat(pulled.resolve("blobs/sha256/" + hex(second.layer()))).isRegularFile();
  }

  private static void deleteImage(String repository, String imageId) {
    JsonNode deleted =
        aws.ok(
            "ecr", "batch-delete-image", "--repository-name", repository, "--image-ids", imageId);
    assertThat(deleted.get("failures")).as(deleted.toString()).isEmpty();
    assertThat(deleted.get("imageIds")).hasSize(1);
  }

  private static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }

  @Test
  void immutableTagsRefuseAMovedTag() {
    aws.ok(
        "ecr",
        "create-repository",
        "--repository-name",
        "fixed",
        "--image-tag-mutability",
        "IMMUTABLE");
    push(layout("fixed1", "first"), "fixed:v1");
    Skopeo.Run moved =
        skopeo.run(
            null,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout("fixed2", "second").dir() + ":latest",
            "docker://" + host + "/fixed:v1");
    assertThat(moved.exit()).isNotZero();
    assertThat(moved.err()).contains("cannot be overwritten because the repository is immutable");
    aws.ok(
        "ecr",
        "put-image-tag-mutability",
        "--repository-name",
        "fixed",
        "--image-tag-mutability",
        "MUTABLE");
    push(layout("fixed3", "third"), "fixed:v1");
  }

  @Test
  void loginPasswordFromGetLoginPasswordIsAcceptedBySkopeo() {
    String password = aws.run("ecr", "get-login-password").out().trim();
    assertThat(password).isNotEmpty();
    skopeo
        .run(password, "login", "--tls-verify=false", "--username", "AWS", "--password-stdin", host)
        .ok();
    JsonNode data = aws.ok("ecr", "get-authorization-token").get("authorizationData").get(0);
    assertThat(data.get("proxyEndpoint").asText()).isEqualTo(server.endpoint());
    String decoded =
        new String(
            java.util.Base64.getDecoder().decode(data.get("authorizationToken").asText()),
            StandardCharsets.UTF_8);
    assertThat(decoded).startsWith("AWS:");
  }

  @Test
  void pushingToAMissingRepositoryIsNameUnknown() {
    Skopeo.Run run =
        skopeo.run(
            null,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout("nowhere", "x").dir() + ":latest",
            "docker://" + host + "/nowhere:v1");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains(
            "The repository with name 'nowhere' does not exist in the registry with id '000000000000'");
    assertThat(get("/v2/nowhere/tags/list").body())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"The repository with name 'nowhere' does not exist in the registry with id '000000000000'\"}]}");
  }

  @Test
  void lifecyclePoliciesAreStored() {
    aws.ok("ecr", "create-repository", "--repository-name", "kept");
    String policy =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire old\",\"selection\":{\"tagStatus\":\"untagged\","
            + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";
    assertThat(aws.fails("ecr", "get-lifecycle-policy", "--repository-name", "kept"))
        .contains("LifecyclePolicyNotFoundException");
    aws.ok(
        "ecr",
        "put-lifecycle-policy",
        "--repository-name",
        "kept",
        "--lifecycle-policy-text",
        policy);
    assertThat(
            aws.ok("ecr", "get-lifecycle-policy", "--repository-name", "kept")
                .get("lifecyclePolicyText")
                .asText())
        .isEqualTo(policy);
    aws.ok("ecr", "delete-lifecycle-policy", "--repository-name", "kept");
    assertThat(aws.fails("ecr", "get-lifecycle-policy", "--repository-name", "kept"))
        .contains("LifecyclePolicyNotFoundException");
  }

  private static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET().build());
  }

  private static HttpResponse<String> head(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(server.endpoint() + path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return server.http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
