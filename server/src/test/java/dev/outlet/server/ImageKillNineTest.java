package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ImageFunctions;
import dev.outlet.server.testkit.ImageLayouts;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.Skopeo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image function CreateFunction acknowledged survives a {@code kill -9} of Outlet and runs after
 * the restart (on another port: the function's ImageUri names the old one), and what an unpack cut
 * off by the kill left is swept at start.
 */
class ImageKillNineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  @Test
  void anAcknowledgedImageFunctionRunsAfterKillNineAndAHalfUnpackedTreeIsSwept() throws Exception {
    AwsCli.assumeInstalled();
    Skopeo.assumeInstalled();
    Path runtime = ImageFunctions.runtime(work.resolve("go"));
    Path layout =
        ImageLayouts.image()
            .file("bootstrap", Files.readAllBytes(runtime), 0755)
            .entrypoint("/bootstrap")
            .env("IMAGE_VERSION=durable")
            .write(work.resolve("image"));
    Path data = work.resolve("data");
    Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
    ServedOutlet first = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(first.endpoint(), work.resolve("cli1"));
      String host = URI.create(first.endpoint()).getAuthority();
      aws.ok("ecr", "create-repository", "--repository-name", "durable-fn");
      skopeo.ok(
          "copy",
          "--dest-tls-verify=false",
          "oci:" + layout + ":latest",
          "docker://" + host + "/durable-fn:v1");
      aws.ok(
          "lambda",
          "create-function",
          "--function-name",
          "durable-fn",
          "--package-type",
          "Image",
          "--code",
          "ImageUri=" + host + "/durable-fn:v1",
          "--role",
          "arn:aws:iam::000000000000:role/lambda-role");
    } finally {
      first.killNine();
    }
    Path partial = Files.createDirectories(data.resolve("images/.partial/sha256-cut/rootfs/usr"));

    ServedOutlet second = ServedOutlet.start(data);
    try {
      AwsCli aws = new AwsCli(second.endpoint(), work.resolve("cli2"));
      Path out = work.resolve("out.json");
      JsonNode meta =
          aws.ok(
              "lambda",
              "invoke",
              "--function-name",
              "durable-fn",
              "--payload",
              "{}",
              "--cli-binary-format",
              "raw-in-base64-out",
              out.toString());
      assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
      assertThat(JSON.readTree(out.toFile()).path("IMAGE_VERSION").asText()).isEqualTo("durable");
      assertThat(partial).as("an interrupted unpack leaves nothing").doesNotExist();
    } finally {
      second.stop();
    }
  }
}
