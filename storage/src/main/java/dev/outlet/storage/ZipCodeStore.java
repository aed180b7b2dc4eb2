package dev.outlet.storage;

import dev.outlet.core.CodeRef;
import dev.outlet.core.CodeStore;
import dev.outlet.core.FileTrees;
import dev.outlet.core.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The {@link CodeStore} on the local disk: {@code <dataDir>/code/<sha256hex>.zip} and its extracted
 * tree {@code <dataDir>/code/<sha256hex>/}.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>A tree or zip appears under its final name only complete, by an atomic rename of a
 *       temporary ({@code .tmp-*}) sibling; readers never see a half-extracted package.
 *   <li>A refused or failed {@link #store} leaves nothing behind: its temporaries are deleted
 *       before it throws. (Only a disk fault while writing the zip, after the tree was renamed,
 *       leaves that complete, valid tree: {@link #retainOnly} reclaims it.)
 *   <li>Thread-safe. Any number of {@code store} calls run at once (two of the same bytes both
 *       succeed and share one tree); {@link #retainOnly} excludes them, so it never deletes a
 *       package a concurrent {@code store} is about to return.
 *   <li>One process per data directory: {@code retainOnly} treats every temporary as stale.
 * </ol>
 *
 * <p>Failures: a package the caller must fix is a {@link dev.outlet.core.LambdaException} with
 * AWS's message; a local fault (disk full, permissions) is an {@link UncheckedIOException}.
 *
 * <p>The zip is fsynced before its rename; the tree is not (thousands of files), because it is
 * derived data: after a power loss it can be re-extracted from its zip.
 */
public final class ZipCodeStore implements CodeStore {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final String ZIP_SUFFIX = ".zip";

  private final Path codeDir;

  /** Stores share it; retainOnly takes it exclusively. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private ZipCodeStore(Path codeDir) {
    this.codeDir = codeDir;
  }

  /** Opens (creating if needed) the store under {@code <dataDir>/code}. */
  public static ZipCodeStore create(Path dataDir) {
    Path codeDir = dataDir.resolve("code");
    try {
      Files.createDirectories(codeDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + codeDir, e);
    }
    return new ZipCodeStore(codeDir);
  }

  @Override
  public CodeRef store(byte[] zip) {
    Objects.requireNonNull(zip, "zip");
    if (zip.length > Limits.ZIPPED_CODE) {
      throw PackageErrors.zippedTooLarge();
    }
    byte[] digest = sha256(zip);
    String hex = HexFormat.of().formatHex(digest);
    Path tree = codeDir.resolve(hex);
    Path zipFile = codeDir.resolve(hex + ZIP_SUFFIX);
    lock.readLock().lock();
    try {
      // Same bytes, same verdict: a tree already here was validated when it was extracted.
      if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
        extractTree(zip, tree);
      }
      if (!Files.isRegularFile(zipFile, LinkOption.NOFOLLOW_LINKS)) {
        writeZip(zip, zipFile);
      }
      return new CodeRef(
          hex, Base64.getEncoder().encodeToString(digest), zip.length, Trees.sizeOfFiles(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store package " + hex, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Path root(CodeRef code) {
    return codeDir.resolve(checkedHex(code));
  }

  @Override
  public Path zip(CodeRef code) {
    return codeDir.resolve(checkedHex(code) + ZIP_SUFFIX);
  }

  @Override
  public int retainOnly(Set<String> live) {
    Set<String> removed = new HashSet<>();
    lock.writeLock().lock();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(codeDir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        String hex = name.endsWith(ZIP_SUFFIX) ? name.substring(0, name.length() - 4) : name;
        if (name.startsWith(TEMP_PREFIX)) {
          FileTrees.delete(child); // left by a crash: no store runs while we hold the write lock
        } else if (HEX.matcher(hex).matches() && !live.contains(hex)) {
          FileTrees.delete(child);
          removed.add(hex);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + codeDir, e);
    } finally {
      lock.writeLock().unlock();
    }
    return removed.size();
  }

  private void extractTree(byte[] zip, Path tree) throws IOException {
    Path temp = Files.createTempDirectory(codeDir, TEMP_PREFIX);
    try {
      // createTempDirectory makes it 0700: sandboxes running as another user must read it.
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      PackageExtractor.extract(zip, temp);
      try {
        Files.move(temp, tree, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // A concurrent store of the same bytes renamed its tree first (rename(2) fails with
        // ENOTEMPTY): its tree is ours too.
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
      }
    } finally {
      FileTrees.deleteQuietly(temp); // gone after a successful move; a refused package's otherwise
    }
  }

  private void writeZip(byte[] zip, Path zipFile) throws IOException {
    Path temp = Files.createTempFile(codeDir, TEMP_PREFIX, ZIP_SUFFIX);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(zip);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      // Replaces a concurrent writer's identical file atomically.
      Files.move(temp, zipFile, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Refuses a reference that is not a digest: it becomes a path, so it must not hold '/'. */
  private static String checkedHex(CodeRef code) {
    String hex = code.sha256Hex();
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
    }
    return hex;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
