package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.core.FileTrees;
import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.GoEcho;
import dev.outlet.server.testkit.ImageLayouts;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outlet deploy} of a SAM template with {@code PackageType: Image} functions onto a running
 * Outlet: an OCI layout the test writes (a scratch image, the static Go echo runtime as {@code
 * /bootstrap}) named by {@code Metadata.DockerContext} and by a local {@code ImageUri}, pushed to
 * the server's registry; the function invoked through the AWS CLI; an unchanged redeploy changes
 * nothing, a changed image updates the code to its new digest; a registry {@code ImageUri} passes
 * through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamImageDeployTest {
  private static final String FN = "sam-img-EchoFunction";
  private static final String TAGGED = "sam-img-TaggedFunction";

  @TempDir static Path root;
  private static Path app;
  private static TestServer server;
  private static AwsCli aws;
  private static byte[] echo;

  @BeforeAll
  static void setUp() throws Exception {
    AwsCli.assumeInstalled();
    GoEcho.assumeInstalled();
    Path go = Files.createDirectories(root.resolve("go"));
    echo = GoEcho.binary(go, "amd64");
    app = Files.createDirectories(root.resolve("sam-img"));
    Files.createDirectories(app.resolve("echo"));
    Files.writeString(app.resolve("echo/Dockerfile"), "FROM scratch\nCOPY bootstrap /bootstrap\n");
    writeImage(Map.of());
    Files.writeString(
        app.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          EchoFunction:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
              Timeout: 10
              Environment:
                Variables:
                  GREETING: hi
            Metadata:
              DockerContext: ./echo
              Dockerfile: Dockerfile
          TaggedFunction:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
              ImageUri: oci:./echo/image:latest
              ImageConfig:
                Command: [ignored-by-echo]
        """);
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
  }

  @AfterAll
  static void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  /** Writes the echo image (plus {@code extra} files) and returns its manifest's digest. */
  private static String writeImage(Map<String, byte[]> extra) throws Exception {
    Path dir = app.resolve("echo/image");
    FileTrees.deleteQuietly(dir);
    ImageLayouts image =
        ImageLayouts.image()
            .file("bootstrap", echo, 0755)
            .entrypoint("/bootstrap")
            .env("FROM_IMAGE=yes")
            .workingDir("/");
    extra.forEach((path, bytes) -> image.file(path, bytes, 0644));
    image.write(dir);
    return OciLayouts.indexedManifest(dir);
  }

  private static Result deploy(Path template) {
    return LocalInvokeCommandTest.run(
        "deploy", "--template", template.toString(), "--endpoint", server.endpoint());
  }

  private static String registryHost() {
    URI u = URI.create(server.endpoint());
    return u.getHost() + ":" + u.getPort();
  }

  @Test
  @Order(1)
  void deploysPushingTheImageThenChangesNothingThenUpdatesToTheNewDigest() throws Exception {
    String digest = OciLayouts.indexedManifest(app.resolve("echo/image"));
    Result first = deploy(app.resolve("template.yaml"));
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("  + function " + FN + " (create)\n")
        .contains("  + function " + TAGGED + " (create)\n")
        .contains("Deployed 2 changes");

    JsonNode fn = aws.ok("lambda", "get-function", "--function-name", FN);
    assertThat(fn.path("Configuration").path("PackageType").asText()).isEqualTo("Image");
    assertThat(fn.path("Code").path("ImageUri").asText())
        .isEqualTo(registryHost() + "/sam-img-echofunction@" + digest);
    assertThat(fn.path("Configuration").path("CodeSha256").asText())
        .isEqualTo(digest.substring("sha256:".length()));
    JsonNode tagged = aws.ok("lambda", "get-function", "--function-name", TAGGED);
    assertThat(tagged.path("Code").path("ImageUri").asText())
        .isEqualTo(registryHost() + "/sam-img-taggedfunction@" + digest);
    assertThat(
            tagged
                .path("Configuration")
                .path("ImageConfigResponse")
                .path("ImageConfig")
                .path("Command")
                .toString())
        .isEqualTo("[\"ignored-by-echo\"]");

    Result second = deploy(app.resolve("template.yaml"));
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo("No changes: stack sam-img is up to date (2 functions).\n");

    String changed = writeImage(Map.of("version.txt", "2\n".getBytes()));
    assertThat(changed).isNotEqualTo(digest);
    Result third = deploy(app.resolve("template.yaml"));
    assertThat(third.status()).as(third.err()).isZero();
    assertThat(third.out())
        .contains("  ~ function " + FN + ": code\n")
        .contains("  ~ function " + TAGGED + ": code\n");
    assertThat(
            aws.ok("lambda", "get-function", "--function-name", FN)
                .path("Code")
                .path("ImageUri")
                .asText())
        .isEqualTo(registryHost() + "/sam-img-echofunction@" + changed);
    assertThat(deploy(app.resolve("template.yaml")).out()).startsWith("No changes");
  }

  @Test
  @Order(2)
  void aRegistryImageUriPassesThroughAndIsComparedByTheDigestItsTagNames() throws Exception {
    Path other = Files.createDirectories(root.resolve("sam-reg"));
    Files.writeString(
        other.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          FromRegistry:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
              ImageUri: %s/sam-img-echofunction:latest
              ImageConfig:
                EntryPoint: [/bootstrap]
        """
            .formatted(registryHost()));
    Result first = deploy(other.resolve("template.yaml"));
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("  + function sam-reg-FromRegistry (create)\n");
    JsonNode fn = aws.ok("lambda", "get-function", "--function-name", "sam-reg-FromRegistry");
    assertThat(fn.path("Code").path("ImageUri").asText())
        .isEqualTo(registryHost() + "/sam-img-echofunction:latest");
    assertThat(fn.path("Code").path("ResolvedImageUri").asText())
        .startsWith(registryHost() + "/sam-img-echofunction@sha256:");
    Result again = deploy(other.resolve("template.yaml"));
    assertThat(again.out()).as(again.err()).startsWith("No changes");
  }

  @Test
  @Order(3)
  void aDockerSaveTarballIsPushedAndDeployed() throws Exception {
    dev.outlet.server.testkit.Skopeo.assumeInstalled();
    Path dir = Files.createDirectories(root.resolve("sam-tar"));
    Path tar = dir.resolve("echo.tar");
    new dev.outlet.server.testkit.Skopeo(root.resolve("skopeo"))
        .run(
            null,
            "copy",
            "oci:" + app.resolve("echo/image") + ":latest",
            "docker-archive:" + tar + ":echo:latest")
        .ok();
    Files.writeString(
        dir.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Saved:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
              ImageUri: ./echo.tar
        """);
    Result first = deploy(dir.resolve("template.yaml"));
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("  + function sam-tar-Saved (create)\n");
    assertThat(
            aws.ok("lambda", "get-function", "--function-name", "sam-tar-Saved")
                .path("Code")
                .path("ImageUri")
                .asText())
        .startsWith(registryHost() + "/sam-tar-saved@sha256:");
    assertThat(deploy(dir.resolve("template.yaml")).out()).startsWith("No changes");
  }

  @Test
  @Order(4)
  void aDockerContextWithOnlyADockerfileSaysHowToBuildTheImageWithoutDocker() throws Exception {
    Path bad = Files.createDirectories(root.resolve("sam-bad/src"));
    Files.writeString(bad.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(
        bad.resolveSibling("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Built:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
            Metadata:
              DockerContext: ./src
              Dockerfile: Dockerfile
        """);
    Result r = deploy(bad.resolveSibling("template.yaml"));
    assertThat(r.status()).isNotZero();
    assertThat(r.err())
        .contains("Resources.Built.Metadata.DockerContext")
        .contains("holds a Dockerfile but holds no built image")
        .contains(
            "buildah bud -t x . && skopeo copy containers-storage:localhost/x oci:./image:latest")
        .contains("docker save -o image.tar x");
  }

  @Test
  @Order(5)
  void theDeployedImageFunctionAnswersThroughTheAwsCli() throws Exception {
    assertThat(deploy(app.resolve("template.yaml")).status()).isZero();
    Path out = root.resolve("cli").resolve("out.json");
    Files.createDirectories(out.getParent());
    AwsCli.Run invoked =
        aws.run(
            "lambda",
            "invoke",
            "--function-name",
            FN,
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"hello\":\"image\"}",
            out.toString());
    assertThat(invoked.exit()).as(invoked.err()).isZero();
    assertThat(invoked.json().has("FunctionError")).as(Files.readString(out)).isFalse();
    assertThat(Files.readString(out)).isEqualTo("{\"hello\":\"image\"}");
  }
}
