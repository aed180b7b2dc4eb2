package dev.outlet.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assumptions;

/**
 * bench/function/main.go (a runtime on Go's standard library that behaves on the wire as
 * aws-lambda-go, echoing its event) built with Debian's Go into a function zip; tests that need it
 * are skipped, with the reason, where Go is not installed.
 */
public final class GoEcho {
  public static final Path GO = Path.of("/usr/bin/go");

  private GoEcho() {}

  public static void assumeInstalled() {
    Assumptions.assumeThat(Files.isExecutable(GO))
        .as("Go not installed at /usr/bin/go: apt-get install golang-go")
        .isTrue();
  }

  /**
   * The zip of the echo runtime built for {@code arch} ({@code amd64}, {@code arm64}) in {@code
   * work}.
   */
  public static byte[] zip(Path work, String arch) throws IOException, InterruptedException {
    return TestZips.zip().executable("bootstrap", binary(work, arch)).bytes();
  }

  /** The static echo runtime built for {@code arch} in {@code work}: the executable's bytes. */
  public static byte[] binary(Path work, String arch) throws IOException, InterruptedException {
    Path source =
        Path.of(System.getProperty("user.dir"))
            .resolveSibling("bench")
            .resolve("function")
            .resolve("main.go");
    return Files.readAllBytes(build(work, source, arch));
  }

  /**
   * Builds the one-file Go program {@code source} for {@code arch}, statically ({@code
   * CGO_ENABLED=0}), in {@code work}; returns the binary.
   */
  public static Path build(Path work, Path source, String arch)
      throws IOException, InterruptedException {
    Path main = work.resolve("main.go");
    if (!Files.exists(main)) {
      Files.copy(source, main);
    }
    Path out = work.resolve("bootstrap-" + arch);
    ProcessBuilder pb =
        new ProcessBuilder(List.of(GO.toString(), "build", "-o", out.toString(), "main.go"));
    pb.directory(work.toFile());
    Path cache = Path.of(System.getProperty("user.dir"), "target", "go-cache");
    pb.environment()
        .putAll(
            Map.of(
                "CGO_ENABLED",
                "0",
                "GOOS",
                "linux",
                "GOARCH",
                arch,
                "GOCACHE",
                cache.toString(),
                "GOPATH",
                cache.resolveSibling("go-path").toString(),
                "GO111MODULE",
                "off",
                "HOME",
                work.toString()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return out;
  }
}
