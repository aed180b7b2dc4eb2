package dev.outlet.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Clears the sandboxes' scratch folders left by an earlier run that did not stop cleanly. */
final class SandboxScratch {
  private SandboxScratch() {}

  static void sweep(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        all.sorted(Comparator.reverseOrder())
            .filter(p -> !p.equals(root))
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException e) {
                    // best effort
                  }
                });
      }
    }
    Files.createDirectories(root);
  }
}
