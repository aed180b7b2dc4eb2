package dev.outlet.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deleting file trees without ever following a symbolic link: a package's links must not steer a
 * deletion outside it. Used for code trees, temporaries and sandbox scratch folders.
 */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes a file or a whole tree; links are removed, never followed. Missing is fine. */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes like {@link #delete} but only for cleanup after another failure: never throws. */
  public static void deleteQuietly(Path path) {
    try {
      delete(path);
    } catch (IOException | RuntimeException e) {
      // Best effort: callers use this for cleanup; a later sweep removes what remains.
    }
  }
}
