package dev.outlet.images;

import dev.outlet.core.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Root filesystems by manifest digest: {@code <root>/<algorithm>-<hex>/rootfs}.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>A root filesystem appears complete or not at all: it is built under {@code
 *       <root>/.partial/} and renamed into place in one step; a failed build leaves nothing.
 *   <li>One digest is unpacked at most once at a time in this process: concurrent requests wait for
 *       the first and share its result (or its error); a later request reuses the finished tree.
 *       Another process racing on the same folder loses the rename and uses the winner's tree.
 *   <li>A finished tree is never written again: sandboxes bind it read-only.
 * </ol>
 *
 * Thread-safe. Unpacking blocks: call it from a virtual thread, never an event loop.
 */
public final class RootfsStore {
  private static final String PARTIAL = ".partial";

  private final Path root;
  private final long maxBytes;
  private final ConcurrentHashMap<Digest, CompletableFuture<Path>> unpacking =
      new ConcurrentHashMap<>();

  private RootfsStore(Path root, long maxBytes) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  /** A store under {@code root} with AWS's 10 GB cap on an image's uncompressed size. */
  public static RootfsStore create(Path root) {
    return create(root, SizeBudget.DEFAULT_MAX_BYTES);
  }

  /** A store under {@code root} refusing images that unpack to more than {@code maxBytes}. */
  public static RootfsStore create(Path root, long maxBytes) {
    return new RootfsStore(root, maxBytes);
  }

  /** The finished root filesystem of {@code manifest}, if there is one. */
  public Optional<Path> find(Digest manifest) {
    Path rootfs = rootfs(manifest);
    return Files.isDirectory(rootfs) ? Optional.of(rootfs) : Optional.empty();
  }

  /**
   * The root filesystem of {@code image}, unpacked from {@code blobs} unless it already is.
   *
   * @throws ImageException for a layer Outlet refuses (nothing is left behind)
   * @throws IOException for a local fault writing the tree
   */
  public Path unpack(Image image, BlobSource blobs) throws IOException {
    Digest digest = image.manifestDigest();
    Optional<Path> done = find(digest);
    if (done.isPresent()) {
      return done.get();
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> theirs = unpacking.putIfAbsent(digest, mine);
    if (theirs != null) {
      return await(theirs);
    }
    try {
      Path path = find(digest).orElse(null);
      if (path == null) {
        path = build(image, blobs);
      }
      mine.complete(path);
      return path;
    } catch (IOException | RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      unpacking.remove(digest, mine);
    }
  }

  /** Deletes what interrupted builds left (call once at start, before any unpack). */
  public void removeAbandoned() throws IOException {
    Path partial = root.resolve(PARTIAL);
    if (!Files.isDirectory(partial)) {
      return;
    }
    List<Path> left;
    try (Stream<Path> list = Files.list(partial)) {
      left = list.toList();
    }
    for (Path p : left) {
      FileTrees.delete(p);
    }
  }

  private Path build(Image image, BlobSource blobs) throws IOException {
    Digest digest = image.manifestDigest();
    Path partial = Files.createDirectories(root.resolve(PARTIAL));
    Path work = Files.createTempDirectory(partial, digest.fileName() + "-");
    try {
      Files.setPosixFilePermissions(work, Modes.permissions(0755)); // a temp dir is made 0700
      Path rootfs = Files.createDirectory(work.resolve("rootfs"));
      Files.setPosixFilePermissions(rootfs, Modes.permissions(0755));
      RootfsBuilder.build(rootfs, image, blobs, maxBytes);
      MountPoints.add(rootfs); // before the rename: a published tree is never written again
      try {
        Files.move(work, root.resolve(digest.fileName()), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        FileTrees.delete(work); // another process finished first: use its tree
      }
      return rootfs(digest);
    } catch (IOException | RuntimeException | Error e) {
      FileTrees.deleteQuietly(work);
      throw e;
    }
  }

  private Path rootfs(Digest digest) {
    return root.resolve(digest.fileName()).resolve("rootfs");
  }

  private static Path await(CompletableFuture<Path> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (cause instanceof ImageException ie) {
        throw new ImageException(ie.getMessage(), ie);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }

  // ---- removal (functions gone)

  private static final String REMOVED = ".removed";

  /** Where the root filesystem of {@code manifest} is (or would be). */
  public Path path(Digest manifest) {
    return root.resolve(manifest.fileName()).resolve("rootfs");
  }

  /** The manifests whose root filesystems are unpacked here. */
  public List<Digest> list() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(
              n -> n.startsWith("sha256-") && Files.isDirectory(root.resolve(n).resolve("rootfs")))
          .map(n -> Digest.parse("sha256:" + n.substring("sha256-".length())))
          .toList();
    }
  }

  /** When the root filesystem of {@code manifest} was finished. */
  public java.time.Instant finished(Digest manifest) throws IOException {
    return Files.getLastModifiedTime(path(manifest).getParent()).toInstant();
  }

  /**
   * Removes the root filesystem of {@code manifest}: first moved aside in one step (a sandbox still
   * bound to it keeps its tree until it stops), then deleted with what earlier removals left.
   */
  public void remove(Digest manifest) throws IOException {
    Path folder = path(manifest).getParent();
    Path removed = root.resolve(REMOVED);
    Files.createDirectories(removed);
    if (Files.isDirectory(folder)) {
      Files.move(
          folder,
          removed.resolve(folder.getFileName() + "-" + System.nanoTime()),
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Deletes what {@link #remove} moved aside (call when no sandbox can still use it: at start). */
  public void purgeRemoved() throws IOException {
    Path removed = root.resolve(REMOVED);
    if (Files.isDirectory(removed)) {
      FileTrees.delete(removed);
    }
  }

  /** The bytes the unpacked root filesystems take (for {@code outlet doctor}). */
  public long sizeOnDisk() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(
        root,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
            total[0] += attrs.size();
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return total[0];
  }
}
