package dev.outlet.local.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PackageType: Image} functions of a template: a registry {@code ImageUri} as written, a
 * local one made absolute, {@code Metadata.DockerContext} holding a built image, and the message
 * for a context with only a Dockerfile.
 */
class ImageTemplateTest {
  @TempDir Path dir;

  private SamFunction read(String properties, String metadata) throws Exception {
    Path file = dir.resolve("template.yaml");
    Files.writeString(
        file,
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
        %s
        %s
        """
            .formatted(properties.indent(6).stripTrailing(), metadata.indent(4).stripTrailing()));
    SamTemplate t = new SamReader("us-east-1", "123456789012").read(file, "demo", Map.of());
    assertThat(t.warnings()).isEmpty();
    return t.functions().getFirst();
  }

  private Path layout(String where) throws Exception {
    Path l = Files.createDirectories(dir.resolve(where));
    Files.writeString(l.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(l.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    return l;
  }

  @Test
  void aRegistryImageUriAndItsImageConfigAreKeptAsWritten() throws Exception {
    SamFunction f =
        read(
            """
            ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1
            ImageConfig:
              EntryPoint: [/bootstrap]
              Command: [handler.main]
              WorkingDirectory: /var/task
            """,
            "");
    assertThat(f.isImage()).isTrue();
    assertThat(f.codeUri()).isNull();
    assertThat(f.runtime()).isNull();
    assertThat(f.image())
        .isEqualTo(
            new SamImage(
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1",
                false,
                List.of("/bootstrap"),
                List.of("handler.main"),
                "/var/task"));
  }

  @Test
  void aLocalImageUriIsMadeAbsoluteWithItsTag() throws Exception {
    Path l = layout("build/image");
    SamFunction f = read("ImageUri: oci:build/image:latest", "");
    assertThat(f.image().uri()).isEqualTo(l + ":latest");
    assertThat(f.image().local()).isTrue();
  }

  @Test
  void aDockerContextHoldingAnImageFolderOrTarballIsTheImage() throws Exception {
    Path l = layout("src/image");
    assertThat(
            read("", "Metadata:\n  DockerContext: ./src\n  Dockerfile: Dockerfile").image().uri())
        .isEqualTo(l.toString());
    Files.writeString(dir.resolve("app.tar"), "x");
    assertThat(read("", "Metadata:\n  DockerContext: app.tar").image().uri())
        .isEqualTo(dir.resolve("app.tar").toString());
    assertThat(read("", "Metadata:\n  ImageArchive: app.tar").image().uri())
        .isEqualTo(dir.resolve("app.tar").toString());
  }

  @Test
  void aDockerContextWithOnlyADockerfileSaysHowToBuildWithoutDocker() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/Dockerfile"), "FROM scratch\n");
    assertThatThrownBy(() -> read("", "Metadata:\n  DockerContext: ./src"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.Fn.Metadata.DockerContext: " + dir.resolve("src"))
        .hasMessageContaining("holds a Dockerfile but holds no built image")
        .hasMessageContaining("buildah bud -t x .")
        .hasMessageContaining("docker save -o image.tar x");
    assertThatThrownBy(() -> read("", ""))
        .hasMessageContaining("Resources.Fn.Properties.ImageUri: missing");
  }
}
