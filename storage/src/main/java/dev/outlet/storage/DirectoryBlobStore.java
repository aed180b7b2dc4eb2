package dev.outlet.storage;

import dev.outlet.core.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in a folder: {@code sha256/<2 hex>/<64 hex>}, each blob written to {@code
 * incoming/} first, fsynced, then renamed into place (atomic on one file system, also on NFS), so a
 * reader never sees a partial blob and a crash leaves at most a file in {@code incoming/}, swept at
 * open once it is an hour old (another node sharing the folder may be writing a younger one). The
 * folder can be one machine's or one that nodes share ({@code --blob-dir}). A blob's modification
 * time is when it was last put or {@link #touch}ed.
 */
public final class DirectoryBlobStore implements BlobStore {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final Path blobs;
  private final Path incoming;

  private DirectoryBlobStore(Path root) {
    this.blobs = root.resolve("sha256");
    this.incoming = root.resolve("incoming");
  }

  /** How old a file in {@code incoming/} must be to be taken for one a crash left. */
  static final java.time.Duration STALE_INCOMING = java.time.Duration.ofHours(1);

  /**
   * Opens (creating) the store under {@code root}, dropping unfinished puts a crash left (those
   * older than {@link #STALE_INCOMING}).
   */
  public static DirectoryBlobStore open(Path root) throws IOException {
    DirectoryBlobStore store = new DirectoryBlobStore(root);
    Files.createDirectories(store.blobs);
    Files.createDirectories(store.incoming);
    long cutoff = System.currentTimeMillis() - STALE_INCOMING.toMillis();
    try (var left = Files.list(store.incoming)) {
      for (Path p : left.toList()) {
        try {
          if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
            Files.deleteIfExists(p);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // its writer finished (or another node swept it) meanwhile
        }
      }
    }
    return store;
  }

  @Override
  public String put(InputStream in, long maxBytes) throws IOException {
    Path tmp = incoming.resolve(UUID.randomUUID().toString());
    try {
      String sha256;
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
        sha256 = Sha256Streams.copy(in, out, maxBytes);
      }
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Path target = path(sha256);
      if (touch(sha256)) {
        return sha256;
      }
      Files.createDirectories(target.getParent());
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the blob folder cannot rename atomically: " + e.getMessage(), e);
      }
      syncFolder(target.getParent());
      return sha256;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    return Sha256Streams.checked(Files.newInputStream(path(sha256)), sha256);
  }

  @Override
  public boolean exists(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  @Override
  public boolean delete(String sha256) throws IOException {
    return Files.deleteIfExists(path(sha256));
  }

  @Override
  public boolean touch(String sha256) throws IOException {
    try {
      Files.setLastModifiedTime(path(sha256), java.nio.file.attribute.FileTime.from(Instant.now()));
      return true;
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public java.util.List<String> list() throws IOException {
    try (var files = Files.find(blobs, 2, (p, a) -> a.isRegularFile())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> HEX.matcher(n).matches())
          .toList();
    }
  }

  /**
   * Moves the blob aside (an atomic rename into {@code incoming/}), then reads its time: a put or
   * {@link #touch} before the move shows there, and the blob is moved back; one after it finds no
   * blob and stores it anew. Readers of the blob meanwhile (only one being referenced again right
   * now) would find none for that instant.
   */
  @Override
  public boolean deleteUnlessPutWithin(String sha256, java.time.Duration grace) throws IOException {
    Path target = path(sha256);
    long cutoff = System.currentTimeMillis() - grace.toMillis();
    try {
      if (Files.getLastModifiedTime(target).toMillis() > cutoff) {
        return false;
      }
      Path aside = incoming.resolve("unused-" + sha256 + "-" + UUID.randomUUID());
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      if (Files.getLastModifiedTime(aside).toMillis() > cutoff) {
        try {
          Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException stored) {
          Files.deleteIfExists(aside); // put anew meanwhile: the same bytes
        }
        return false;
      }
      Files.delete(aside);
      return true;
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /** Where blob {@code sha256} lives (for tests that damage it). */
  Path path(String sha256) {
    if (!HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 in lowercase hex: " + sha256);
    }
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  private static void syncFolder(Path folder) {
    try (FileChannel c = FileChannel.open(folder, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a folder; the rename is still atomic
    }
  }

  @Override
  public void close() {}
}
