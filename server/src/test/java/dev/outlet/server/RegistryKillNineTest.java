package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.Skopeo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image skopeo pushed survives a {@code kill -9} of Outlet: repository, tag, manifest, blobs.
 */
class RegistryKillNineTest {
  @TempDir Path work;

  @Test
  void aPushedImageSurvivesKillNine() throws Exception {
    AwsCli.assumeInstalled();
    Skopeo.assumeInstalled();
    Path data = work.resolve("data");
    Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
    OciLayouts.Layout image = OciLayouts.write(work.resolve("img"), Map.of("hello", "survives"));
    ServedOutlet first = ServedOutlet.start(data);
    try {
      new AwsCli(first.endpoint(), work.resolve("cli1"))
          .ok("ecr", "create-repository", "--repository-name", "durable");
      skopeo.ok(
          "copy",
          "--dest-tls-verify=false",
          "oci:" + image.dir() + ":latest",
          "docker://" + URI.create(first.endpoint()).getAuthority() + "/durable:v1");
    } finally {
      first.killNine();
    }
    ServedOutlet second = ServedOutlet.start(data);
    try {
      JsonNode details =
          new AwsCli(second.endpoint(), work.resolve("cli2"))
              .ok("ecr", "describe-images", "--repository-name", "durable")
              .get("imageDetails");
      assertThat(details.get(0).get("imageDigest").asText()).isEqualTo(image.manifestDigest());
      String host = URI.create(second.endpoint()).getAuthority();
      assertThat(
              skopeo.ok(
                  "inspect", "--raw", "--tls-verify=false", "docker://" + host + "/durable:v1"))
          .isEqualTo(new String(image.manifest(), StandardCharsets.UTF_8));
      Path back = work.resolve("back");
      skopeo.ok(
          "copy",
          "--src-tls-verify=false",
          "docker://" + host + "/durable:v1",
          "oci:" + back + ":latest");
      assertThat(OciLayouts.indexedManifest(back)).isEqualTo(image.manifestDigest());
    } finally {
      second.stop();
    }
  }
}
