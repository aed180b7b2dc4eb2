package dev.outlet.server;

import dev.outlet.core.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Clears the sandboxes' scratch folders left by an earlier run that did not stop cleanly. */
final class SandboxScratch {
  private SandboxScratch() {}

  static void sweep(Path root) throws IOException {
    if (Files.isDirectory(root)) {
      try (Stream<Path> children = Files.list(root)) {
        children.forEach(FileTrees::deleteQuietly);
      }
    }
    Files.createDirectories(root);
  }
}
