package dev.outlet.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's own temporary folder (a real store's files), deleted after the trial. */
public final class TempFolder {
  private TempFolder() {}

  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  public static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
