package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.GoEcho;
import dev.outlet.server.testkit.ImageLayouts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outlet local invoke} of container-image functions through the real command line: {@code
 * --image} with an OCI layout the test writes (a scratch image, the static Go echo runtime as
 * {@code /bootstrap}), a SAM template's {@code PackageType: Image} function, and the refusals.
 */
class LocalImageInvokeTest {
  @TempDir static Path root;
  private static Path layout;

  @BeforeAll
  static void image() throws Exception {
    GoEcho.assumeInstalled();
    byte[] echo = GoEcho.binary(Files.createDirectories(root.resolve("go")), "amd64");
    layout = root.resolve("app/echo/image");
    ImageLayouts.image().file("bootstrap", echo, 0755).entrypoint("/bootstrap").write(layout);
  }

  private static Path event(String json) throws Exception {
    return Files.writeString(root.resolve("event.json"), json);
  }

  @Test
  void anImageLayoutRunsAndPrintsTheResultAndReport() throws Exception {
    Result r =
        LocalInvokeCommandTest.run(
            "local",
            "invoke",
            "--image",
            layout.toString(),
            "--event",
            event("{\"hello\":\"image\"}").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\"hello\":\"image\"}\n");
    assertThat(r.err())
        .containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST")
        .containsPattern("REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms");
  }

  @Test
  void aTemplatesImageFunctionRunsFromItsDockerContext() throws Exception {
    Path template =
        Files.writeString(
            root.resolve("app/template.yaml"),
            """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Echo:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                Metadata:
                  DockerContext: ./echo
                  Dockerfile: Dockerfile
            """);
    Result r =
        LocalInvokeCommandTest.run(
            "local",
            "invoke",
            "--template",
            template.toString(),
            "--event",
            event("[1,2]").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("[1,2]\n");
  }

  @Test
  void aTagTheLayoutLacksIsRefusedWithItsTags() {
    Result r = LocalInvokeCommandTest.run("local", "invoke", "--image", "oci:" + layout + ":nope");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("InvalidParameterValueException: Source image " + layout + ":nope is not valid.")
        .contains("the image has no tag \"nope\"; its tags: latest");
  }

  @Test
  void aRegistryImageUriIsRefusedAsLocalInvokeHasNoRegistry() throws Exception {
    Path dir = Files.createDirectories(root.resolve("reg"));
    Path template =
        Files.writeString(
            dir.resolve("template.yaml"),
            """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Remote:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/remote:latest
            """);
    Result r = LocalInvokeCommandTest.run("local", "invoke", "--template", template.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "Remote: ImageUri 123456789012.dkr.ecr.us-east-1.amazonaws.com/remote:latest names a"
                + " registry, and local invoke has none");
  }
}
