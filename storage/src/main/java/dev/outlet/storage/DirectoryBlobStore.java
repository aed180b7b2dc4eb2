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
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in a folder: {@code sha256/<2 hex>/<64 hex>}, each blob written to {@code
 * incoming/} first, fsynced, then renamed into place (atomic on one file system, also on NFS), so a
 * reader never sees a partial blob and a crash leaves at most a file in {@code incoming/}, swept at
 * open. The folder can be one machine's or one that nodes share ({@code --blob-dir}).
 */
public final class DirectoryBlobStore implements BlobStore {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final Path blobs;
  private final Path incoming;

  private DirectoryBlobStore(Path root) {
    this.blobs = root.resolve("sha256");
    this.incoming = root.resolve("incoming");
  }

  /** Opens (creating) the store under {@code root}, dropping unfinished puts a crash left. */
  public static DirectoryBlobStore open(Path root) throws IOException {
    DirectoryBlobStore store = new DirectoryBlobStore(root);
    Files.createDirectories(store.blobs);
    Files.createDirectories(store.incoming);
    try (var left = Files.list(store.incoming)) {
      for (Path p : left.toList()) {
        Files.deleteIfExists(p);
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
      if (Files.exists(target)) {
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
