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
 * matched (or of a copy fetched from the cluster's store), so a reader never sees a partial one.
 * Uploads in progress live in {@code uploads/}; what a killed Outlet left there is swept at open.
 *
 * <p>In a cluster the folder is this node's cache of the nodes' shared blob store: a committed
 * upload is put there before it counts (before a repository links it), and a blob this node lacks
 * is fetched from it, checked against its digest while it streams, when first read. Blocking:
 * virtual threads only. Thread-safe.
 */
final class BlobStore {
  private final Path blobs;
  private final Path uploads;
  private final dev.outlet.core.BlobStore shared; // null on one machine

  private BlobStore(Path blobs, Path uploads, dev.outlet.core.BlobStore shared) {
    this.blobs = blobs;
    this.uploads = uploads;
    this.shared = shared;
  }

  static BlobStore open(Path root) {
    return open(root, null);
  }

  /** The blobs under {@code root}, a cache of {@code shared} (null: none, one machine). */
  static BlobStore open(Path root, dev.outlet.core.BlobStore shared) {
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
    return new BlobStore(blobs, uploads, shared);
  }

  private Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  /**
   * The file of blob {@code digest} on this node; in a cluster fetched from the shared store first
   * when this node does not hold it yet. The file may not exist (no such blob): opening it throws
   * {@link java.nio.file.NoSuchFileException}.
   *
   * @throws dev.outlet.core.BlobStore.Corrupt when the shared copy does not match its digest
   */
  Path file(Digest digest) throws IOException {
    Path target = path(digest);
    if (shared == null || Files.isRegularFile(target) || !shared.exists(digest.hex())) {
      return target;
    }
    Path fetched = uploads.resolve("fetch-" + java.util.UUID.randomUUID());
    try (java.io.InputStream in = shared.open(digest.hex())) {
      Files.copy(in, fetched);
      commit(fetched, digest);
    } finally {
      Files.deleteIfExists(fetched);
    }
    return target;
  }

  boolean exists(Digest digest) {
    if (Files.isRegularFile(path(digest))) {
      return true;
    }
    try {
      return shared != null && shared.exists(digest.hex());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster's blob store", e);
    }
  }

  /** Closes the shared store, if any. */
  void close() {
    if (shared != null) {
      shared.close();
    }
  }

  /** Where upload {@code id}'s bytes go until it is committed. */
  Path upload(String id) {
    return uploads.resolve(id);
  }

  /**
   * In a cluster, puts a finished upload whose digest matched in the shared store (marks it as put
   * now when it is there already); nothing on one machine. Before {@link #place}.
   */
  void share(Path finished, Digest digest) throws IOException {
    if (shared != null && !shared.touch(digest.hex())) { // stored already: marked as put now
      try (java.io.InputStream in = Files.newInputStream(finished)) {
        String stored = shared.put(in, Registry.MAX_LAYER);
        if (!stored.equals(digest.hex())) {
          throw new IOException(
              "the cluster's blob store hashed " + digest + " to sha256:" + stored);
        }
      }
    }
  }

  /** Moves a finished upload whose digest matched into place (dropping it when already there). */
  void place(Path finished, Digest digest) throws IOException {
    commit(finished, digest);
  }

  /**
   * Removes this node's blob files whose digest (hex) is not in {@code live}; how many. The caller
   * holds the registry's lock, under which blobs are placed and linked, so none is taken between.
   */
  int retainOnly(java.util.Set<String> live) throws IOException {
    int removed = 0;
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path f : files.toList()) {
        if (!live.contains(f.getFileName().toString()) && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private void commit(Path finished, Digest digest) throws IOException {
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
