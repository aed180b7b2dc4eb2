package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeLinksTest {
  @TempDir Path tmp;

  @Test
  void linksFilesFoldersAndSymbolicLinksIntoAnEmptyFolder() throws IOException {
    Path code = Files.createDirectories(tmp.resolve("code/lib"));
    code = tmp.resolve("code");
    Files.writeString(code.resolve("bootstrap"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        code.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(code.resolve("lib/data.txt"), "data");
    Files.createSymbolicLink(code.resolve("current"), Path.of("lib/data.txt"));
    Path into = Files.createDirectories(tmp.resolve("stub/task"));

    new CodeLinks().link(code, into);

    assertThat(Files.isSameFile(into.resolve("bootstrap"), code.resolve("bootstrap"))).isTrue();
    assertThat(Files.isExecutable(into.resolve("bootstrap"))).isTrue();
    assertThat(Files.isSameFile(into.resolve("lib/data.txt"), code.resolve("lib/data.txt")))
        .isTrue();
    assertThat(Files.readSymbolicLink(into.resolve("current"))).isEqualTo(Path.of("lib/data.txt"));
    assertThat(Files.readString(into.resolve("current"))).isEqualTo("data");
  }

  @Test
  void aTreeWithMoreEntriesThanTheCapIsNotLinked() throws IOException {
    Path code = Files.createDirectories(tmp.resolve("big"));
    for (int i = 0; i <= CodeLinks.MAX_ENTRIES; i++) {
      Files.writeString(code.resolve("f" + i), "x");
    }
    CodeLinks links = new CodeLinks();
    assertThat(links.linkable(code)).isFalse();
    Path into = Files.createDirectories(tmp.resolve("into"));
    assertThatThrownBy(() -> links.link(code, into)).isInstanceOf(IOException.class);
    try (var left = Files.list(into)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aMissingTreeIsNotLinkable() {
    assertThat(new CodeLinks().linkable(tmp.resolve("gone"))).isFalse();
  }
}
