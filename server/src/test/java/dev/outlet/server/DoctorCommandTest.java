package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code outlet doctor}: the host's protections, and what serves each managed runtime. */
class DoctorCommandTest {

  private static String doctor(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "doctor";
      System.arraycopy(args, 0, all, 1, args.length);
      assertThat(Main.commandLine().execute(all)).isZero();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assumeHost() {
    org.assertj.core.api.Assumptions.assumeThat(
            java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3.11"))
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/node"))
                && java.nio.file.Files.isDirectory(
                    java.nio.file.Path.of("/usr/lib/jvm/java-17-openjdk-amd64")))
        .as("needs python3.11, node and JDK 17 as .ci/run installs them")
        .isTrue();
  }

  @Test
  void listsEveryManagedRuntimeWithWhatServesItOrWhatToInstall() {
    assumeHost();
    String out = doctor();
    assertThat(out).contains("namespaces (mount, pid, ipc, uts)");
    assertThat(out)
        .containsPattern("python3\\.11 +on +Python 3\\.11\\.\\d+ \\(/usr/bin/python3\\.11\\)");
    assertThat(out)
        .containsPattern("python3\\.14 +OFF +install python3\\.14, or --runtime python3\\.14=");
    assertThat(out).containsPattern("java17 +on +Java 17\\.");
    assertThat(out).containsPattern("nodejs20\\.x +on +Node\\.js 20\\.");
  }

  @Test
  void aMappingIsCheckedAndShown() {
    assumeHost();
    String out = doctor("--runtime", "python3.12=/usr/bin/python3.11");
    assertThat(out)
        .containsPattern(
            "python3\\.12 +on +Python 3\\.11\\.\\d+ \\(/usr/bin/python3\\.11\\), mapped by --runtime");
  }

  @Test
  void reportsTheSpaceOfRootFilesystemsAndRegistryBlobs(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    for (String hex : java.util.List.of(a, b)) {
      java.nio.file.Path root = data.resolve("images/sha256-" + hex + "/rootfs");
      java.nio.file.Files.createDirectories(root);
      java.nio.file.Files.write(root.resolve("bootstrap"), new byte[1_500_000]);
    }
    java.nio.file.Path blobs = data.resolve("registry/blobs/sha256");
    java.nio.file.Files.createDirectories(blobs);
    java.nio.file.Files.write(blobs.resolve(a), new byte[12_000_000]);
    String out = doctor("--data-dir", data.toString());
    assertThat(out).contains("images: 2 root filesystems, 3.0 MB; registry blobs: 12 MB\n");
  }

  @Test
  void anEmptyDataFolderHasNoImages(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
    assertThat(doctor("--data-dir", data.toString()))
        .contains("images: 0 root filesystems, 0.0 MB; registry blobs: 0.0 MB\n");
  }
}
