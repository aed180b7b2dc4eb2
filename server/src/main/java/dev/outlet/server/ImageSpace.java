package dev.outlet.server;

import dev.outlet.images.RootfsStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * {@code outlet doctor}'s report of the space container images take under a data folder: the
 * unpacked root filesystems ({@code images/}) and the registry's blobs ({@code registry/blobs/}).
 * Reads only; never fails (an unreadable folder is reported as such).
 */
final class ImageSpace {
  private ImageSpace() {}

  /** {@code images: 2 root filesystems, 143 MB; registry blobs: 61 MB}. */
  static String of(Path data) {
    try {
      RootfsStore store = RootfsStore.create(data.resolve("images"));
      int count = store.list().size();
      return "images: "
          + count
          + " root filesystem"
          + (count == 1 ? "" : "s")
          + ", "
          + size(store.sizeOnDisk())
          + "; registry blobs: "
          + size(bytesUnder(data.resolve("registry").resolve("blobs")));
    } catch (IOException | RuntimeException e) {
      return "images: cannot measure " + data + ": " + e.getMessage();
    }
  }

  /** Bytes in MB (10^6, as df -H), one decimal under 10 MB. */
  static String size(long bytes) {
    double mb = bytes / 1_000_000.0;
    return (mb < 10 ? String.format(Locale.ROOT, "%.1f", mb) : Long.toString(Math.round(mb)))
        + " MB";
  }

  private static long bytesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            total[0] += attrs.size();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return total[0];
  }
}
