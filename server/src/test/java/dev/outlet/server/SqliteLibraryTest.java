package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's JNI library comes from the per-user cache, copied there once, in real child JVMs ({@link
 * SqliteLibraryProbe}); a cache that cannot be written leaves sqlite-jdbc to unpack its own copy,
 * and SQLite works either way.
 */
class SqliteLibraryTest {
  @TempDir Path dir;

  private String probe(Path cacheHome) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                SqliteLibraryProbe.class.getName(),
                dir.resolve("probe.db").toString())
            .redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private List<Path> libraries(Path cacheHome) throws IOException {
    try (Stream<Path> files = Files.walk(cacheHome)) {
      return files.filter(f -> f.getFileName().toString().equals("libsqlitejdbc.so")).toList();
    }
  }

  @Test
  void theLibraryIsCopiedOnceToTheUsersCacheAndLoadedFromThere() throws Exception {
    Path cache = dir.resolve("cache");

    String first = probe(cache);
    List<Path> copied = libraries(cache);
    long modified = Files.getLastModifiedTime(copied.get(0)).toMillis();
    String second = probe(cache);

    assertThat(copied).hasSize(1);
    assertThat(copied.get(0).getParent().getParent()).isEqualTo(cache.resolve("outlet"));
    assertThat(first).contains("version 3.").contains("mapped " + copied.get(0));
    assertThat(second).contains("version 3.").contains("mapped " + copied.get(0));
    assertThat(Files.getLastModifiedTime(copied.get(0)).toMillis()).isEqualTo(modified);
    try (Stream<Path> left = Files.list(copied.get(0).getParent())) {
      assertThat(left).hasSize(1); // no partial copy left behind
    }
  }

  @Test
  void aCacheThatCannotBeWrittenLeavesSqliteJdbcToUnpackItsOwnCopy() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");

    String out = probe(notAFolder);

    assertThat(out).contains("version 3.").doesNotContain(notAFolder.toString() + "/");
  }
}
