package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Architecture;
import dev.outlet.core.ImageCode;
import dev.outlet.core.ImageSettings;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArchiveImages}: a layout folder named as an {@code ImageUri} (whole, by tag, through
 * skopeo's {@code oci:} prefix), unpacked once, planned under the function's ImageConfig, and AWS's
 * message for what cannot be used.
 */
class ArchiveImagesTest {
  @TempDir Path dir;

  private Path layout(String... tags) {
    TestImage image = new TestImage(dir.resolve("image"));
    for (String tag : tags) {
      ObjectNode m =
          image.manifest(
              TestImage.config("amd64", List.of("/bootstrap"), List.of(tag)),
              List.of(TestLayer.of().file("bootstrap", "#!/bin/sh\n", 0755)));
      m.putObject("annotations").put(ImageIndex.REF_NAME, tag);
      image.top(m);
    }
    return image.dir;
  }

  @Test
  void aLayoutResolvesByTagUnpacksAndPlansUnderTheImageConfig() throws Exception {
    Path layout = layout("one", "two");
    ArchiveImages images = ArchiveImages.open(dir.resolve("store"), dir);
    ImageCode code = images.resolve("oci:image:two", Architecture.X86_64);
    assertThat(code.cmd()).containsExactly("two");
    assertThat(code.resolvedImageUri()).isEqualTo(layout + "@" + code.digest());
    assertThat(code.workingDir()).isEqualTo("/var/task");
    LaunchPlan plan =
        images.plan(
            code.withSettings(new ImageSettings(null, List.of("x"), null)), Architecture.X86_64);
    assertThat(plan.command()).containsExactly("/bootstrap", "x");
    assertThat(plan.rootfs()).isDirectory();
    assertThat(plan.rootfs().resolve("bootstrap")).isRegularFile();
    assertThat(plan.workingDirectory()).isEqualTo("/var/task");
    assertThat(images.resolve(layout.toString(), Architecture.X86_64).cmd()).containsExactly("one");
  }

  @Test
  void aMissingTagOrPathOrPlatformIsAwsInvalidParameterWithTheReason() throws Exception {
    Path layout = layout("latest");
    ArchiveImages images = ArchiveImages.open(dir.resolve("store"), dir);
    assertThatThrownBy(() -> images.resolve(layout + ":nope", Architecture.X86_64))
        .isInstanceOf(LambdaException.class)
        .hasMessage(
            "Source image "
                + layout
                + ":nope is not valid. Provide a valid source image. (the image has no tag"
                + " \"nope\"; its tags: latest)");
    assertThatThrownBy(() -> images.resolve("missing", Architecture.X86_64))
        .hasMessageContaining("(no image at missing: no such file or directory)");
    assertThatThrownBy(() -> images.resolve(layout.toString(), Architecture.ARM64))
        .hasMessageContaining("the image is built for linux/amd64");
  }

  @Test
  void localImageNamesKeepAColonOfAnExistingPathAndTellPathsFromRegistries() throws Exception {
    Path odd = Files.createDirectories(dir.resolve("a:b"));
    assertThat(LocalImage.parse("a:b", dir))
        .isEqualTo(new LocalImage(odd, java.util.Optional.empty()));
    assertThat(LocalImage.parse("oci-archive:a:b:v1", dir).tag()).contains("v1");
    assertThat(LocalImage.isLocal("./anything", dir)).isTrue();
    assertThat(LocalImage.isLocal("a:b", dir)).isTrue();
    assertThat(LocalImage.isLocal("127.0.0.1:9000/repo:latest", dir)).isFalse();
    assertThat(LocalImage.isLocal("repo@sha256:" + "a".repeat(64), dir)).isFalse();
  }

  @Test
  void anOciArchiveTarballResolvesLikeItsLayout() throws Exception {
    Path layout = layout("latest");
    Path tar = dir.resolve("image.tar");
    try (var out =
            new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                Files.newOutputStream(tar));
        var files = Files.walk(layout)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        var e =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                p.toFile(), layout.relativize(p).toString());
        out.putArchiveEntry(e);
        Files.copy(p, out);
        out.closeArchiveEntry();
      }
    }
    ArchiveImages images = ArchiveImages.open(dir.resolve("store"), dir);
    ImageCode fromTar = images.resolve("oci-archive:image.tar:latest", Architecture.X86_64);
    ImageCode fromLayout = images.resolve("image", Architecture.X86_64);
    assertThat(fromTar.digest()).isEqualTo(fromLayout.digest());
    assertThat(images.plan(fromTar, Architecture.X86_64).command())
        .containsExactly("/bootstrap", "latest");
  }
}
