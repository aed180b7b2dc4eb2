package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.ImageFunctions;
import dev.outlet.server.testkit.ImageLayouts;
import dev.outlet.server.testkit.Skopeo;
import dev.outlet.server.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container-image functions end to end, as a user deploys them: images built without Docker (a
 * scratch image of one static Go runtime, and one laid out as AWS's base images are), pushed with
 * {@code skopeo} to Outlet's registry, created, invoked, updated, versioned and aliased with {@code
 * /usr/bin/aws}, and called through a Function URL; the REPORT line and the logs as for a zip
 * function.
 */
class ImageFunctionCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static Skopeo skopeo;
  private static String host;
  private static Path runtime;

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    Skopeo.assumeInstalled();
    runtime = ImageFunctions.runtime(root.resolve("go"));
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    skopeo = new Skopeo(root.resolve("skopeo"));
    host = URI.create(server.endpoint()).getAuthority();
    aws.ok("ecr", "create-repository", "--repository-name", "apps/image-fn");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String push(ImageLayouts image, String name, String tag) throws Exception {
    Path layout = image.write(root.resolve(name));
    skopeo.ok(
        "copy",
        "--dest-tls-verify=false",
        "oci:" + layout + ":latest",
        "docker://" + host + "/apps/image-fn:" + tag);
    return host + "/apps/image-fn:" + tag;
  }

  private static ImageLayouts scratch(String version) throws Exception {
    return ImageLayouts.image()
        .file("bootstrap", Files.readAllBytes(runtime), 0755)
        .entrypoint("/bootstrap")
        .env("IMAGE_VERSION=" + version, "FROM_IMAGE=image", "BOTH=image");
  }

  /** Invokes {@code function} with LogType Tail; the payload and the decoded log tail. */
  private static JsonNode[] invoke(String function) throws Exception {
    Path out = Files.createTempFile(root, "out", ".json");
    JsonNode meta =
        aws.ok(
            "lambda",
            "invoke",
            "--function-name",
            function,
            "--log-type",
            "Tail",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{}",
            out.toString());
    assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(meta.has("FunctionError")).as(Files.readString(out)).isFalse();
    String log =
        new String(
            Base64.getDecoder().decode(meta.get("LogResult").asText()), StandardCharsets.UTF_8);
    return new JsonNode[] {
      JSON.readTree(Files.readString(out)), JSON.getNodeFactory().textNode(log), meta
    };
  }

  private static String[] create(String name, String uri, String... more) {
    return ImageFunctions.create(name, uri, more);
  }

  @Test
  void aScratchImageRunsAsUid993WithItsEnvUnderTheFunctionsAndAReportLine() throws Exception {
    String uri = push(scratch("1"), "scratch", "scratch-v1");
    aws.ok(create("scratch-fn", uri, "--environment", "Variables={BOTH=function}"));
    JsonNode[] first = invoke("scratch-fn");
    JsonNode seen = first[0];
    assertThat(seen.path("uid").asText()).isEqualTo("993");
    assertThat(seen.path("cwd").asText()).isEqualTo("/");
    assertThat(seen.path("IMAGE_VERSION").asText()).isEqualTo("1");
    assertThat(seen.path("FROM_IMAGE").asText()).isEqualTo("image");
    assertThat(seen.path("BOTH").asText())
        .as("the function's variable over the image's")
        .isEqualTo("function");
    assertThat(seen.path("tmp").asText()).isEqualTo("ok");
    assertThat(seen.path("root").asText()).contains("read-only file system");
    String log = first[1].asText();
    assertThat(log).contains("REPORT RequestId: ").contains("Init Duration: ");
    assertThat(first[2].get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    String warm = invoke("scratch-fn")[1].asText();
    assertThat(warm).contains("REPORT RequestId: ").doesNotContain("Init Duration");
  }

  @Test
  void anAwsBaseImageLayoutRunsItsEntrypointScriptWithCmdAsTheHandler() throws Exception {
    assumeThat(Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6")))
        .as("not a Debian x86_64 host")
        .isTrue();
    String uri = push(ImageLayouts.awsBase(runtime, "FROM_IMAGE=base"), "base", "base");
    aws.ok(create("base-fn", uri));
    JsonNode seen = invoke("base-fn")[0];
    assertThat(seen.path("handler").asText()).isEqualTo("app.handler");
    assertThat(seen.path("cwd").asText()).isEqualTo("/var/task");
    assertThat(seen.path("LAMBDA_TASK_ROOT").asText()).isEqualTo("/var/task");
    assertThat(seen.path("FROM_IMAGE").asText()).isEqualTo("base");

    aws.ok(
        "lambda",
        "update-function-configuration",
        "--function-name",
        "base-fn",
        "--image-config",
        "{\"Command\":[\"other.handler\"]}");
    aws.ok("lambda", "wait", "function-updated-v2", "--function-name", "base-fn");
    assertThat(invoke("base-fn")[0].path("handler").asText())
        .as("ImageConfig.Command replaces CMD")
        .isEqualTo("other.handler");
  }

  @Test
  void anUpdateToANewDigestVersionsAndAnAliasRollBack() throws Exception {
    String v1 = push(scratch("1"), "v1", "rolling");
    aws.ok(create("rolling-fn", v1));
    JsonNode published = aws.ok("lambda", "publish-version", "--function-name", "rolling-fn");
    assertThat(published.get("Version").asText()).isEqualTo("1");
    aws.ok(
        "lambda",
        "create-alias",
        "--function-name",
        "rolling-fn",
        "--name",
        "live",
        "--function-version",
        "1");

    String v2 = push(scratch("2"), "v2", "rolling");
    JsonNode updated =
        aws.ok(
            "lambda", "update-function-code", "--function-name", "rolling-fn", "--image-uri", v2);
    assertThat(updated.get("CodeSha256").asText())
        .isNotEqualTo(published.get("CodeSha256").asText());
    aws.ok("lambda", "wait", "function-updated-v2", "--function-name", "rolling-fn");
    assertThat(invoke("rolling-fn")[0].path("IMAGE_VERSION").asText()).isEqualTo("2");
    assertThat(invoke("rolling-fn:live")[0].path("IMAGE_VERSION").asText()).isEqualTo("1");

    aws.ok("lambda", "publish-version", "--function-name", "rolling-fn");
    aws.ok(
        "lambda",
        "update-alias",
        "--function-name",
        "rolling-fn",
        "--name",
        "live",
        "--function-version",
        "2");
    assertThat(invoke("rolling-fn:live")[0].path("IMAGE_VERSION").asText()).isEqualTo("2");
    aws.ok(
        "lambda",
        "update-alias",
        "--function-name",
        "rolling-fn",
        "--name",
        "live",
        "--function-version",
        "1");
    JsonNode[] back = invoke("rolling-fn:live");
    assertThat(back[0].path("IMAGE_VERSION").asText()).as("rolled back").isEqualTo("1");
    assertThat(back[2].get("ExecutedVersion").asText()).isEqualTo("1");
    JsonNode version1 =
        aws.ok("lambda", "get-function", "--function-name", "rolling-fn", "--qualifier", "1");
    assertThat(version1.get("Code").get("ResolvedImageUri").asText())
        .endsWith("@sha256:" + published.get("CodeSha256").asText());
  }

  @Test
  void threeLayersWhereLaterOnesDeleteAndReplaceFilesRunAsTheirStack() throws Exception {
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    ImageLayouts image =
        scratch("layers")
            .file("data/a", one, 0644)
            .file("data/b", one, 0644)
            .file("gone/x", one, 0644)
            .layer()
            .whiteout("data/b")
            .file("data/a", "two".getBytes(StandardCharsets.UTF_8), 0644)
            .file("data/c", one, 0644)
            .layer()
            .opaque("gone")
            .file("gone/y", one, 0644);
    aws.ok(create("layers-fn", push(image, "layers", "layers")));
    JsonNode seen = invoke("layers-fn")[0];
    assertThat(seen.path("files").asText()).isEqualTo("a,c;y");
    assertThat(seen.path("data_a").asText()).isEqualTo("two");
    assertThat(
            aws.ok(
                    "ecr",
                    "describe-images",
                    "--repository-name",
                    "apps/image-fn",
                    "--image-ids",
                    "imageTag=layers")
                .get("imageDetails")
                .get(0)
                .get("imageSizeInBytes")
                .asLong())
        .isPositive();
  }

  @Test
  void aFunctionUrlServesAnImageFunction() throws Exception {
    String uri = push(scratch("url"), "url", "url");
    aws.ok(create("url-fn", uri));
    String url =
        aws.ok(
                "lambda",
                "create-function-url-config",
                "--function-name",
                "url-fn",
                "--auth-type",
                "NONE")
            .get("FunctionUrl")
            .asText();
    String id = URI.create(url).getHost().split("\\.")[0];
    HttpResponse<String> r =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/_outlet/urls/" + id + "/"))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("IMAGE_VERSION").asText()).isEqualTo("url");
  }

  @Test
  void theFunctionsLogsAndMetricsAreThereAsForAZip() throws Exception {
    String uri = push(scratch("logs"), "logs", "logs");
    aws.ok(create("logs-fn", uri));
    invoke("logs-fn");
    JsonNode events =
        aws.ok("logs", "filter-log-events", "--log-group-name", "/aws/lambda/logs-fn");
    assertThat(events.get("events").toString()).contains("INIT_START").contains("REPORT RequestId");
  }
}
