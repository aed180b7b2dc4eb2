package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.ImageMountPoints;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPointsTest {
  @TempDir Path tmp;

  @Test
  void aScratchTreeGetsEmptyFoldersAndFilesToMountOver() throws Exception {
    Path r = Files.createDirectory(tmp.resolve("rootfs"));
    MountPoints.add(r);
    for (String d : ImageMountPoints.DIRECTORIES) {
      assertThat(r.resolve(d)).isDirectory();
      assertThat(mode(r.resolve(d))).isEqualTo("rwxr-xr-x");
      assertThat(ImageMountPoints.usable(r, d, true)).isTrue();
    }
    for (String f : ImageMountPoints.FILES) {
      assertThat(r.resolve(f)).isEmptyFile();
      assertThat(mode(r.resolve(f))).isEqualTo("rw-r--r--");
      assertThat(ImageMountPoints.usable(r, f, false)).isTrue();
    }
  }

  @Test
  void whatTheImageHasIsKeptAndLinksAreNeverWrittenThrough() throws Exception {
    Path r = Files.createDirectory(tmp.resolve("rootfs"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(r.resolve("etc"), outside);
    Files.createSymbolicLink(r.resolve("tmp"), Path.of("/var/tmp"));
    Files.writeString(r.resolve("proc"), "a file");
    MountPoints.add(r);
    assertThat(outside).isEmptyDirectory();
    assertThat(r.resolve("proc")).hasContent("a file");
    assertThat(Files.isSymbolicLink(r.resolve("tmp"))).isTrue();
    assertThat(ImageMountPoints.usable(r, "etc/passwd", false)).isFalse();
    assertThat(ImageMountPoints.usable(r, "tmp", true)).isFalse();
    assertThat(ImageMountPoints.usable(r, "proc", true)).isFalse();
    assertThat(ImageMountPoints.usable(r, "dev", true)).isTrue();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
