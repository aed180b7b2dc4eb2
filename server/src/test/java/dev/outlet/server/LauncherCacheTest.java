package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.server.fixtures.LauncherProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./outlet}'s class-data cache, run for real: a copy of the script beside a jar
 * of {@link LauncherProbe} (at the place of {@code server/target/outlet.jar}), with this JVM's JDK.
 * On JDK 25 and later the first run of a command trains an AOT cache into a file of its own, the
 * next adopts it; a cache that cannot be used, an older one than the jar, two first runs at once:
 * the command still runs and prints exactly its output.
 */
class LauncherCacheTest {
  @TempDir Path root;
  private Path jar;
  private Path target;

  @BeforeEach
  void layout() throws IOException {
    Path script = Path.of(System.getProperty("user.dir")).resolveSibling("outlet");
    Files.copy(script, root.resolve("outlet"));
    root.resolve("outlet").toFile().setExecutable(true);
    target = Files.createDirectories(root.resolve("server/target"));
    jar = target.resolve("outlet.jar");
    writeJar(jar);
  }

  @Test
  void theFirstRunTrainsTheCacheAndTheNextUsesIt() throws Exception {
    assertThat(run("--version")).isEqualTo("probe --version\n");
    if (javaMajor() < 25) {
      assertThat(target.resolve("outlet---version.jsa")).exists();
      assertThat(run("--version")).isEqualTo("probe --version\n");
      return;
    }
    assertThat(names()).anyMatch(n -> n.matches("outlet---version\\.aot\\.\\d+"));
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names()).containsExactlyInAnyOrder("outlet.jar", "outlet---version.aot");
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names()).containsExactlyInAnyOrder("outlet.jar", "outlet---version.aot");
    // each command its own
    assertThat(run("logs", "f")).isEqualTo("probe logs f\n");
    assertThat(names()).anyMatch(n -> n.matches("outlet-logs\\.aot\\.\\d+"));
  }

  @Test
  void aCacheTheJvmCannotUseIsIgnoredAndOneOlderThanTheJarIsReplaced() throws Exception {
    assumeThat(javaMajor()).as("the AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);
    Path cache = target.resolve("outlet---version.aot");
    Files.write(cache, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(cache).hasSize(8); // kept: it is not older than the jar

    Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names()).doesNotContain("outlet---version.aot");
    assertThat(names()).anyMatch(n -> n.matches("outlet---version\\.aot\\.\\d+"));
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(Files.size(cache)).isGreaterThan(8);
  }

  @Test
  void whatAnInterruptedTrainingLeftIsRemovedNotUsed() throws Exception {
    assumeThat(javaMajor()).as("the AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    // a JVM killed while it assembled its cache: the output and the recording it never removed
    Path partial = target.resolve("outlet---version.aot." + gone.pid());
    Files.write(partial, new byte[4096]);
    Files.write(target.resolve(partial.getFileName() + ".config"), new byte[] {1});
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names())
        .doesNotContain(
            "outlet---version.aot",
            partial.getFileName().toString(),
            partial.getFileName() + ".config")
        .anyMatch(n -> n.matches("outlet---version\\.aot\\.\\d+")); // trained anew
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names()).containsExactlyInAnyOrder("outlet.jar", "outlet---version.aot");
  }

  @Test
  void twoFirstRunsAtOnceBothRunAndLeaveOneCache() throws Exception {
    List<Process> both = List.of(start("--version"), start("--version"));
    for (Process p : both) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(out).isEqualTo("probe --version\n");
    }
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(run("--version")).isEqualTo("probe --version\n");
    assertThat(names())
        .containsExactlyInAnyOrder(
            "outlet.jar", javaMajor() < 25 ? "outlet---version.jsa" : "outlet---version.aot");
  }

  private String run(String... args) throws Exception {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private Process start(String... args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Stream.concat(Stream.of(root.resolve("outlet").toString()), Stream.of(args))
                    .toList())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb.start();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  private static int javaMajor() {
    return Runtime.version().feature();
  }

  private static void writeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entry));
      try (var in = LauncherCacheTest.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(out);
      }
      out.closeEntry();
    }
  }
}
