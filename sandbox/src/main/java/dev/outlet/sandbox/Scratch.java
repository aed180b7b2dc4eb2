package dev.outlet.sandbox;

import dev.outlet.core.FileTrees;
import java.nio.file.Path;

/** Deletes a sandbox's scratch folder; best effort, never follows links. */
final class Scratch {
  private Scratch() {}

  static void delete(Path dir) {
    FileTrees.deleteQuietly(dir); // a runtime may still be writing: start-up sweeps the rest
  }
}
