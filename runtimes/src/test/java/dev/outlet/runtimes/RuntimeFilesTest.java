package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFilesTest {
  @TempDir Path data;

  @Test
  void theShippedRuntimesAreWrittenOnceIntoAFolderNamedByTheirContent() throws Exception {
    Path runtimes = data.resolve("runtimes");
    Files.createDirectories(runtimes.resolve("0123456789abcdef/python")); // an older version
    RuntimeFiles files = RuntimeFiles.install(runtimes);

    assertThat(files.root().getParent()).isEqualTo(runtimes);
    assertThat(runtimes.resolve("0123456789abcdef")).doesNotExist();
    Path java = files.folder(Family.JAVA);
    assertThat(java.resolve("lib/" + RuntimeFiles.JNI)).isRegularFile();
    assertThat(java.resolve(RuntimeFiles.CACHE_PLACEHOLDER)).isEmptyFile();
    assertThat(files.javaJars())
        .anyMatch(j -> j.startsWith("aws-lambda-java-runtime-interface-client-"))
        .anyMatch(j -> j.startsWith("aws-lambda-java-core-"))
        .isSorted();
    assertThat(Files.getPosixFilePermissions(java.resolve("lib")).toString())
        .contains("OTHERS_EXECUTE");

    RuntimeFiles again = RuntimeFiles.install(runtimes);
    assertThat(again.root()).isEqualTo(files.root());
    try (var all = Files.list(runtimes)) {
      assertThat(all).hasSize(1);
    }
  }
}
