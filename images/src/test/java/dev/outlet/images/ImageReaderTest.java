package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReaderTest {
  @TempDir Path tmp;

  static Digest manifestDigest(TestImage image) throws Exception {
    JsonNode index = TestImage.JSON.readTree(Files.readAllBytes(image.dir.resolve("index.json")));
    return Digest.parse(index.path("manifests").get(0).path("digest").asText());
  }

  TestImage multiPlatform() {
    TestImage image = new TestImage(tmp.resolve("oci"));
    ObjectNode amd =
        image.manifest(
            TestImage.config("amd64", List.of("/amd"), null),
            List.of(TestLayer.of().file("amd", "x", 0755)));
    ObjectNode arm =
        image.manifest(
            TestImage.config("arm64", List.of("/arm"), null),
            List.of(TestLayer.of().file("arm", "x", 0755)));
    return image.top(image.index(List.of(amd, arm), List.of("amd64", "arm64")));
  }

  @Test
  void aMultiPlatformIndexYieldsTheManifestOfTheFunctionsArchitecture() throws Exception {
    TestImage image = multiPlatform();
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      Image amd = ImageReader.read(archive, Architecture.X86_64);
      Image arm = ImageReader.read(archive, Architecture.ARM64);
      assertThat(amd.config().entrypoint()).containsExactly("/amd");
      assertThat(amd.config().architecture()).isEqualTo("amd64");
      assertThat(arm.config().entrypoint()).containsExactly("/arm");
      assertThat(amd.manifestDigest()).isNotEqualTo(arm.manifestDigest());
      assertThat(amd.manifest().layers()).hasSize(1);
      assertThat(amd.config().env()).contains("LANG=C.UTF-8");
      assertThat(amd.config().workingDir()).contains("/var/task");
    }
  }

  @Test
  void anImageOfTheOtherArchitectureIsRefusedNamingBoth() throws Exception {
    TestImage image = new TestImage(tmp.resolve("oci"));
    image.top(
        image.manifest(
            TestImage.config("arm64", List.of("/bootstrap"), null),
            List.of(TestLayer.of().file("bootstrap", "x", 0755))));
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      assertThatThrownBy(() -> ImageReader.read(archive, Architecture.X86_64))
          .isInstanceOf(ImageException.class)
          .hasMessage(
              "the image is built for linux/arm64 but the function's architecture is x86_64"
                  + " (linux/amd64): push a linux/amd64 image or create the function with"
                  + " --architectures arm64");
    }
  }

  @Test
  void anIndexWithoutTheArchitectureIsRefusedNamingWhatItHas() throws Exception {
    TestImage image = new TestImage(tmp.resolve("oci"));
    ObjectNode amd =
        image.manifest(TestImage.config("amd64", List.of("/amd"), null), List.of(TestLayer.of()));
    image.top(image.index(List.of(amd), List.of("amd64")));
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      assertThatThrownBy(() -> ImageReader.read(archive, Architecture.ARM64))
          .hasMessageContaining("built for linux/amd64")
          .hasMessageContaining("architecture is arm64")
          .hasMessageContaining("--architectures x86_64");
    }
  }

  @Test
  void aBlobSourceServesAnImageByItsRootDescriptor() throws Exception {
    TestImage image = multiPlatform();
    Digest index = manifestDigest(image);
    BlobSource store =
        digest -> Files.newInputStream(image.dir.resolve("blobs/sha256/" + digest.hex()));
    long size = Files.size(image.dir.resolve("blobs/sha256/" + index.hex()));
    Image arm =
        ImageReader.read(
            store,
            new Descriptor(MediaTypes.OCI_INDEX, index, size, Optional.empty()),
            Architecture.ARM64);
    assertThat(arm.config().entrypoint()).containsExactly("/arm");
  }

  @Test
  void dockerSchema2MediaTypesAreRead() {
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
         "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,
          "digest":"sha256:%s"},
         "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":9,
          "digest":"sha256:%s"}]}
        """
            .formatted("a".repeat(64), "b".repeat(64));
    ImageManifest m = ImageJson.manifest(manifest.getBytes());
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.layers().getFirst().size()).isEqualTo(9);
    String list =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
         "manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,
          "digest":"sha256:%s","platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}
        """
            .formatted("c".repeat(64));
    assertThat(ImageJson.isIndex(list.getBytes(), "")).isTrue();
    assertThat(ImageJson.index(list.getBytes()).manifests().getFirst().platform().get())
        .hasToString("linux/arm64/v8");
  }
}
