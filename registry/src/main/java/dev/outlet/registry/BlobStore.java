package dev.outlet.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Blobs by content: {@code blobs/sha256/<hex>} under the registry's folder, shared by every
 * repository. A blob appears there only by an atomic rename of a finished upload whose digest
 * matched, so a reader never sees a partial one. Uploads in progress live in {@code uploads/}; what
 * a killed Outlet left there is swept at open. Blocking: virtual threads only. Thread-safe.
 */
final class BlobStore {
  private final Path blobs;
  private final Path uploads;

  private BlobStore(Path blobs, Path uploads) {
    this.blobs = blobs;
    this.uploads = uploads;
  }

  static BlobStore open(Path root) {
    Path blobs = root.resolve("blobs").resolve("sha256");
    Path uploads = root.resolve("uploads");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(uploads);
      try (Stream<Path> left = Files.list(uploads)) {
        for (Path p : left.toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the registry's blobs under " + root, e);
    }
    return new BlobStore(blobs, uploads);
  }

  Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  boolean exists(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** Where upload {@code id}'s bytes go until it is committed. */
  Path upload(String id) {
    return uploads.resolve(id);
  }

  /** Moves a finished upload whose digest matched into place (dropping it when already there). */
  void commit(Path finished, Digest digest) throws IOException {
    Path target = path(digest);
    if (Files.exists(target)) {
      Files.deleteIfExists(finished);
      return;
    }
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(finished); // the same bytes, committed by another upload meanwhile
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the registry's folders are on different file systems", e);
    }
  }
}
