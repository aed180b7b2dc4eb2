package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.iam.AccessKey;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --auth iam}: the registry answers 401 with a Basic challenge until the client logs
 * in with {@code aws ecr get-login-password | skopeo login --username AWS --password-stdin}; then
 * skopeo pushes.
 */
class RegistryLoginTest {
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    Skopeo.assumeInstalled();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    AccessKey admin = server.server().createdAdministrator().orElseThrow();
    aws = new AwsCli(server.endpoint(), root.resolve("cli"), admin.accessKeyId(), admin.secret());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void onlyTheLoginPasswordOpensTheRegistryInIamMode() throws Exception {
    HttpResponse<String> anonymous =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/v2/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Basic realm=");
    assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"");
    HttpResponse<String> forged =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/v2/"))
                    .header("Authorization", "Basic QVdTOmZvcmdlZC5wYXNzd29yZA==")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);

    aws.ok("ecr", "create-repository", "--repository-name", "private");
    String host = URI.create(server.endpoint()).getAuthority();
    Skopeo skopeo = new Skopeo(root.resolve("skopeo"));
    OciLayouts.Layout image = OciLayouts.write(root.resolve("img"), Map.of("a", "b"));
    String target = "docker://" + host + "/private:v1";
    Skopeo.Run refused =
        skopeo.run(
            null, "copy", "--dest-tls-verify=false", "oci:" + image.dir() + ":latest", target);
    assertThat(refused.exit()).isNotZero();

    String password = aws.run("ecr", "get-login-password").out().trim();
    skopeo
        .run(password, "login", "--tls-verify=false", "--username", "AWS", "--password-stdin", host)
        .ok();
    skopeo.ok("copy", "--dest-tls-verify=false", "oci:" + image.dir() + ":latest", target);
    assertThat(
            aws.ok("ecr", "describe-images", "--repository-name", "private")
                .get("imageDetails")
                .get(0)
                .get("imageDigest")
                .asText())
        .isEqualTo(image.manifestDigest());
  }
}
