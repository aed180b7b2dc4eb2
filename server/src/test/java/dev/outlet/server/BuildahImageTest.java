package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ImageFunctions;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built by Debian's {@code buildah} (no daemon: {@code from scratch}, {@code copy}, {@code
 * config}, {@code commit}, a second image on top of the first), pushed by {@code buildah push} in
 * Docker's schema 2 format and in OCI's, created as a function with {@code /usr/bin/aws} and
 * invoked.
 */
class BuildahImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static Skopeo tools;
  private static String host;
  private static Path runtime;

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    Skopeo.assumeBuildah();
    runtime = ImageFunctions.runtime(root.resolve("go"));
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    tools = new Skopeo(root.resolve("tools"));
    host = URI.create(server.endpoint()).getAuthority();
    aws.ok("ecr", "create-repository", "--repository-name", "built");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anImageBuiltAndPushedByBuildahRunsInBothManifestFormats() throws Exception {
    String policy = root.resolve("tools/policy.json").toString();
    String base = tools.buildah("from", "scratch").trim();
    tools.buildah("copy", "--chmod", "0755", base, runtime.toString(), "/bootstrap");
    tools.buildah(
        "config", "--entrypoint", "[\"/bootstrap\"]", "--env", "IMAGE_VERSION=base", base);
    tools.buildah("commit", "--signature-policy", policy, base, "localhost/built:base");
    // a second image on the first: one more layer, a replaced variable
    String top = tools.buildah("from", "--signature-policy", policy, "localhost/built:base").trim();
    Path motd = root.resolve("motd");
    Files.writeString(motd, "layered\n");
    tools.buildah("copy", top, motd.toString(), "/etc/motd");
    tools.buildah("config", "--env", "IMAGE_VERSION=top", top);
    tools.buildah("commit", "--signature-policy", policy, top, "localhost/built:top");

    for (String format : new String[] {"docker", "oci"}) {
      String uri = host + "/built:" + format;
      tools.buildah(
          "push",
          "--signature-policy",
          policy,
          "--tls-verify=false",
          "--format",
          format,
          "localhost/built:top",
          "docker://" + uri);
      aws.ok(ImageFunctions.create("built-" + format, uri));
      Path out = root.resolve(format + ".json");
      JsonNode meta =
          aws.ok(
              "lambda",
              "invoke",
              "--function-name",
              "built-" + format,
              "--payload",
              "{}",
              "--cli-binary-format",
              "raw-in-base64-out",
              out.toString());
      assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
      JsonNode seen = JSON.readTree(out.toFile());
      assertThat(seen.path("IMAGE_VERSION").asText()).isEqualTo("top");
      assertThat(seen.path("uid").asText()).isEqualTo("993");
    }
    JsonNode images =
        aws.ok("ecr", "describe-images", "--repository-name", "built").get("imageDetails");
    assertThat(images.toString())
        .contains("application/vnd.docker.distribution.manifest.v2+json")
        .contains("application/vnd.oci.image.manifest.v1+json");
  }
}
