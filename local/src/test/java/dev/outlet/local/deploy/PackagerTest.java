package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagerTest {
  @TempDir Path dir;

  @Test
  void aFolderBecomesTheSameZipEveryTimeWithItsExecBits() throws Exception {
    Path code = dir.resolve("code");
    Files.createDirectories(code.resolve("lib"));
    Files.writeString(code.resolve("bootstrap"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        code.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(code.resolve("lib/data.txt"), "x");
    byte[] first = Packager.zip(code);
    Files.setLastModifiedTime(
        code.resolve("lib/data.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
    byte[] second = Packager.zip(code);
    assertThat(second).isEqualTo(first);
    assertThat(Packager.sha256(first)).isEqualTo(Packager.sha256(second));
    List<String> entries = new ArrayList<>();
    try (ZipFile z =
        ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(first)).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
        entries.add(e.getName() + " " + Integer.toOctalString(e.getUnixMode()));
      }
    }
    assertThat(entries).containsExactly("bootstrap 100755", "lib/ 40755", "lib/data.txt 100644");
    Files.writeString(code.resolve("lib/data.txt"), "y");
    assertThat(Packager.sha256(Packager.zip(code))).isNotEqualTo(Packager.sha256(first));
  }

  @Test
  void aTruncatedZipIsNotAccepted() throws IOException {
    Path code = dir.resolve("code");
    Files.createDirectories(code);
    Files.writeString(code.resolve("bootstrap"), "#!/bin/sh\n".repeat(100));
    byte[] zip = Packager.zip(code);
    Path half = dir.resolve("half.zip");
    Files.write(half, java.util.Arrays.copyOf(zip, zip.length / 2));
    assertThatThrownBy(() -> Packager.zip(half))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a readable zip");
  }
}
