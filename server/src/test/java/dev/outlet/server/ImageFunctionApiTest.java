package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ImageFunctions;
import dev.outlet.server.testkit.OciLayouts;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane of container-image functions through {@code /usr/bin/aws}: images pushed by
 * {@code skopeo} to Outlet's registry, functions created from a tag and from a digest, what
 * GetFunction and GetFunctionConfiguration answer, ImageConfig, UpdateFunctionCode to another
 * image, and AWS's errors for each bad request (a missing repository, a missing tag, no tag, an
 * image for another architecture, an image with nothing to run, an ImageUri on a zip function).
 */
class ImageFunctionApiTest {
  private static final String ROLE = ImageFunctions.ROLE;
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
    aws.ok("ecr", "create-repository", "--repository-name", "fn");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static OciLayouts.Layout push(String name, String tag, String arch, String config) {
    OciLayouts.Layout layout =
        OciLayouts.write(
            root.resolve(name), Map.of("hello", "#!/bin/sh\necho " + name), arch, config);
    skopeo.ok(
        "copy",
        "--dest-tls-verify=false",
        "oci:" + layout.dir() + ":latest",
        "docker://" + host + "/fn:" + tag);
    return layout;
  }

  private static OciLayouts.Layout push(String name, String tag) {
    return push(name, tag, "amd64", "{\"Entrypoint\":[\"/hello\"],\"Env\":[\"A=1\"]}");
  }

  private static String[] create(String name, String uri, String... more) {
    return ImageFunctions.create(name, uri, more);
  }

  @Test
  void aTagIsResolvedToItsDigestAtCreateAndShownAsAwsShowsAnImageFunction() {
    OciLayouts.Layout v1 = push("one", "v1");
    String hex = v1.manifestDigest().substring("sha256:".length());
    JsonNode created = aws.ok(create("from-tag", host + "/fn:v1"));
    assertThat(created.get("PackageType").asText()).isEqualTo("Image");
    assertThat(created.get("CodeSha256").asText()).isEqualTo(hex);
    assertThat(created.get("CodeSize").asLong()).isZero();
    assertThat(created.has("Runtime")).isFalse();
    assertThat(created.has("Handler")).isFalse();
    assertThat(created.has("ImageConfigResponse")).isFalse();

    JsonNode got = aws.ok("lambda", "get-function", "--function-name", "from-tag");
    assertThat(got.get("Code").get("RepositoryType").asText()).isEqualTo("ECR");
    assertThat(got.get("Code").get("ImageUri").asText()).isEqualTo(host + "/fn:v1");
    assertThat(got.get("Code").get("ResolvedImageUri").asText())
        .isEqualTo(host + "/fn@" + v1.manifestDigest());
    assertThat(got.get("Code").has("Location")).isFalse();
    assertThat(got.get("Configuration").has("RuntimeVersionConfig")).isFalse();

    // the tag moves on; the function keeps the digest it was created with, as on AWS
    OciLayouts.Layout v2 = push("two", "v1");
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", "from-tag")
                .get("CodeSha256")
                .asText())
        .isEqualTo(hex);
    JsonNode updated =
        aws.ok(
            "lambda",
            "update-function-code",
            "--function-name",
            "from-tag",
            "--image-uri",
            host + "/fn:v1");
    assertThat(updated.get("CodeSha256").asText())
        .isEqualTo(v2.manifestDigest().substring("sha256:".length()));

    JsonNode byDigest = aws.ok(create("from-digest", host + "/fn@" + v1.manifestDigest()));
    assertThat(byDigest.get("CodeSha256").asText()).isEqualTo(hex);
  }

  @Test
  void imageConfigIsStoredShownAndUpdated() {
    push("three", "v3");
    JsonNode created =
        aws.ok(
            create(
                "configured",
                host + "/fn:v3",
                "--image-config",
                "{\"Command\":[\"app.handler\"],\"WorkingDirectory\":\"/var/task\"}"));
    JsonNode config = created.get("ImageConfigResponse").get("ImageConfig");
    assertThat(config.get("Command").get(0).asText()).isEqualTo("app.handler");
    assertThat(config.get("WorkingDirectory").asText()).isEqualTo("/var/task");
    assertThat(config.has("EntryPoint")).isFalse();
    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "configured",
        "--image-config",
        "{\"EntryPoint\":[\"/hello\",\"-v\"]}");
    JsonNode after =
        aws.ok("lambda", "get-function-configuration", "--function-name", "configured")
            .get("ImageConfigResponse")
            .get("ImageConfig");
    assertThat(after.get("EntryPoint").toString()).isEqualTo("[\"/hello\",\"-v\"]");
    assertThat(after.has("Command")).as("an update's ImageConfig replaces the whole").isFalse();
  }

  @Test
  void badImageUrisGetAwssErrorWithWhatIsWrong() {
    push("four", "v4");
    assertThat(aws.fails(create("no-tag", host + "/fn:nope")))
        .contains("InvalidParameterValueException")
        .contains(
            "Source image "
                + host
                + "/fn:nope is not valid. Provide a valid source image. (the repository fn has"
                + " no image nope; its tags:")
        .contains("v4");
    assertThat(aws.fails(create("no-repo", host + "/missing:v1")))
        .contains(
            "Source image " + host + "/missing:v1 is not valid. Provide a valid source image.")
        .contains("aws ecr create-repository --repository-name missing");
    assertThat(aws.fails(create("untagged", host + "/fn")))
        .contains("Source image " + host + "/fn is not valid. Provide a valid source image.");
    assertThat(aws.run("lambda", "get-function", "--function-name", "no-tag").err())
        .as("nothing half-created")
        .contains("ResourceNotFoundException");
  }

  @Test
  void anArm64OnlyImageOnAnX8664FunctionIsRefusedNamingBothPlatforms() {
    push("arm", "arm", "arm64", "{\"Entrypoint\":[\"/hello\"]}");
    assertThat(aws.fails(create("wrong-arch", host + "/fn:arm")))
        .contains("InvalidParameterValueException")
        .contains("linux/arm64")
        .contains("--architectures arm64");
  }

  @Test
  void anImageWithNothingToRunAndNoImageConfigIsRefusedWithTheFix() {
    push("empty", "empty", "amd64", "{\"Env\":[\"A=1\"]}");
    assertThat(aws.fails(create("nothing", host + "/fn:empty")))
        .contains("InvalidParameterValueException")
        .contains("no ENTRYPOINT or CMD")
        .contains("ImageConfig.EntryPoint");
    aws.ok(
        create("something", host + "/fn:empty", "--image-config", "{\"EntryPoint\":[\"/hello\"]}"));
  }

  @Test
  void anImageUriOnAZipFunctionAndAZipOnAnImageFunctionAreRefusedAsAwsWordsIt() throws Exception {
    push("five", "v5");
    aws.ok(create("image-five", host + "/fn:v5"));
    Path zip = root.resolve("f.zip");
    java.nio.file.Files.write(
        zip, dev.outlet.storage.TestZips.zip().executable("bootstrap", "#!/bin/sh\n").bytes());
    assertThat(
            aws.fails(
                "lambda",
                "update-function-code",
                "--function-name",
                "image-five",
                "--zip-file",
                "fileb://" + zip))
        .contains("Please provide ImageUri when updating a function with packageType Image.");
    aws.ok(
        "lambda",
        "create-function",
        "--function-name",
        "zip-five",
        "--runtime",
        "provided.al2023",
        "--handler",
        "x",
        "--zip-file",
        "fileb://" + zip,
        "--role",
        ROLE);
    assertThat(
            aws.fails(
                "lambda",
                "update-function-code",
                "--function-name",
                "zip-five",
                "--image-uri",
                host + "/fn:v5"))
        .contains("Please don't provide ImageUri when updating a function with packageType Zip.");
    assertThat(aws.fails(create("with-runtime", host + "/fn:v5", "--runtime", "python3.12")))
        .contains(
            "Please don't provide Handler or Runtime or Layer when the intended function"
                + " PackageType is Image.");
  }
}
