package dev.outlet.server;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sample SAM project of {@code examples/sam-app}, copied to a test folder and built there with
 * its own {@code build.sh} (Go's standard library only). Tests using it are skipped, with the
 * reason, where Go is not installed.
 */
final class SamExample {
  static final Path GO = Path.of("/usr/bin/go");

  private SamExample() {}

  /** Copies the example into {@code into} and builds version {@code version}; returns the copy. */
  static Path copyAndBuild(Path into, String version) throws IOException, InterruptedException {
    assumeThat(Files.isExecutable(GO))
        .as("Go not installed at /usr/bin/go (apt-get install golang-go): the sample is not built")
        .isTrue();
    Path source =
        Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("sam-app");
    Path copy = into.resolve("sam-app");
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.filter(p -> !source.relativize(p).startsWith("build")).toList()) {
        Path target = copy.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    build(copy, version);
    return copy;
  }

  /** Runs the example's build.sh VERSION. */
  static void build(Path app, String version) throws IOException, InterruptedException {
    Path cache = Path.of(System.getProperty("user.dir"), "target", "go-cache");
    ProcessBuilder pb =
        new ProcessBuilder(List.of("sh", "build.sh", version)).directory(app.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "GOCACHE", cache.toString(),
                "GOPATH", cache.resolveSibling("go-path").toString(),
                "GOPROXY", "off",
                "GOFLAGS", "-mod=mod",
                "HOME", app.toString()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("build.sh failed: " + output);
    }
  }
}
