package dev.outlet.storage;

import dev.outlet.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Extracts one zip into an empty directory, refusing anything that could escape it or exhaust the
 * disk. Single use, not thread-safe. On a refusal it throws at once and leaves a partial tree: the
 * caller extracts into a temporary directory and deletes it on any failure.
 *
 * <p>Order matters for safety: regular files and folders are written first, while the tree holds no
 * symbolic link, so no write can be redirected through a link; links are created last, each in a
 * folder that is a real directory, and only then checked against the finished tree.
 */
final class PackageExtractor {
  /**
   * The compression methods a package may use: stored, deflated (what zip tools write), deflate64
   * and bzip2, all read in Java. Others that commons-compress knows (zstd, xz) need libraries a
   * package must not make Outlet load.
   */
  private static final java.util.Set<Integer> READABLE_METHODS = java.util.Set.of(0, 8, 9, 12);

  /** More entries than any real function needs; a 50 MB zip could otherwise hold ~600,000. */
  static final int MAX_ENTRIES = 100_000;

  /** PATH_MAX: a longer link target cannot be a real one. */
  static final int MAX_LINK_TARGET = 4096;

  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> PLAIN =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final int ANY_EXEC_BIT = 0111;
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private record Link(String name, List<String> segments, String target) {}

  private final Path root;
  private final long maxUnzipped;
  private final List<Link> links = new ArrayList<>();
  private final Set<Path> knownDirectories = new HashSet<>();
  private long unzipped;

  private PackageExtractor(Path root, long maxUnzipped) {
    this.root = root;
    this.maxUnzipped = maxUnzipped;
  }

  /**
   * Extracts {@code zip} into the existing empty directory {@code root}.
   *
   * @throws dev.outlet.core.LambdaException InvalidParameterValueException for a package Lambda
   *     would refuse or Outlet judges unsafe
   * @throws IOException for local faults writing the tree (disk full): not the caller's fault
   */
  static void extract(byte[] zip, Path root) throws IOException {
    new PackageExtractor(root, Limits.UNZIPPED_CODE).run(zip);
  }

  private void run(byte[] zip) throws IOException {
    try (ZipFile archive = open(zip)) {
      for (ZipArchiveEntry entry : entries(archive)) {
        extractEntry(archive, entry);
      }
    }
    for (Link link : links) {
      createLink(link);
    }
    for (Link link : links) {
      checkLink(link);
    }
  }

  private static ZipFile open(byte[] zip) {
    try {
      return ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get();
    } catch (IOException | RuntimeException e) {
      // Garbage, truncated, empty: commons-compress throws IOExceptions and, for some malformed
      // extra fields, runtime exceptions. All are the caller's file.
      throw PackageErrors.corrupt();
    }
  }

  /** All entries, refusing too many and honest declarations past the cap before writing a byte. */
  private List<ZipArchiveEntry> entries(ZipFile archive) {
    List<ZipArchiveEntry> out = new ArrayList<>();
    long declared = 0;
    for (Enumeration<ZipArchiveEntry> e = archive.getEntries(); e.hasMoreElements(); ) {
      ZipArchiveEntry entry = e.nextElement();
      if (out.size() == MAX_ENTRIES) {
        throw PackageErrors.corrupt(
            "The package has more than " + MAX_ENTRIES + " entries, which Outlet refuses.");
      }
      out.add(entry);
      if (!entry.isDirectory() && entry.getSize() > 0) {
        declared += entry.getSize();
      }
    }
    // Declared sizes can lie: this only spares the disk for honest big packages. The real
    // enforcement is the count while streaming.
    if (declared > maxUnzipped) {
      throw PackageErrors.unzippedTooLarge();
    }
    return out;
  }

  private void extractEntry(ZipFile archive, ZipArchiveEntry entry) throws IOException {
    String name = entry.getName();
    List<String> segments = PackagePaths.segments(name);
    if (entry.isDirectory()) {
      ensureDirectories(name, segments);
      return;
    }
    if (segments.isEmpty()) {
      throw PackageErrors.corrupt("The entry " + PackageErrors.quote(name) + " has no file name.");
    }
    if (!archive.canReadEntryData(entry) || !READABLE_METHODS.contains(entry.getMethod())) {
      throw PackageErrors.corrupt(
          "The entry "
              + PackageErrors.quote(name)
              + " is encrypted or uses an unsupported compression method.");
    }
    if (entry.isUnixSymlink()) {
      links.add(new Link(name, segments, readLinkTarget(archive, entry)));
      return;
    }
    ensureDirectories(name, segments.subList(0, segments.size() - 1));
    Path file = root.resolve(String.join("/", segments));
    try (InputStream in = openEntry(archive, entry);
        OutputStream out =
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
      copy(name, in, out);
    } catch (FileAlreadyExistsException e) {
      throw PackageErrors.conflict(name);
    }
    // Entries made on Windows carry no unix mode: like Lambda, they are not executable.
    int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
    Files.setPosixFilePermissions(file, (mode & ANY_EXEC_BIT) != 0 ? EXECUTABLE : PLAIN);
  }

  /** Copies one entry, counting real bytes against the cap as they come out of the inflater. */
  private void copy(String name, InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int n = readEntry(name, in, buffer);
      if (n < 0) {
        return;
      }
      unzipped += n;
      if (unzipped > maxUnzipped) {
        throw PackageErrors.unzippedTooLarge();
      }
      out.write(buffer, 0, n);
    }
  }

  private String readLinkTarget(ZipFile archive, ZipArchiveEntry entry) throws IOException {
    String name = entry.getName();
    byte[] buffer = new byte[MAX_LINK_TARGET + 1];
    int length = 0;
    try (InputStream in = openEntry(archive, entry)) {
      while (length < buffer.length) {
        int n = readEntry(name, in, buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    }
    if (length > MAX_LINK_TARGET) {
      throw PackageErrors.corrupt(
          "The symbolic link " + PackageErrors.quote(name) + " has a target that is too long.");
    }
    String target = new String(buffer, 0, length, StandardCharsets.UTF_8);
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw PackageErrors.corrupt(
          "The symbolic link " + PackageErrors.quote(name) + " has an empty or invalid target.");
    }
    if (target.startsWith("/")) {
      throw PackageErrors.linkOutside(name, target);
    }
    return target;
  }

  private void createLink(Link link) throws IOException {
    List<String> segments = link.segments();
    ensureDirectories(link.name(), segments.subList(0, segments.size() - 1));
    try {
      Files.createSymbolicLink(
          root.resolve(String.join("/", segments)), root.getFileSystem().getPath(link.target()));
    } catch (FileAlreadyExistsException e) {
      throw PackageErrors.conflict(link.name());
    }
  }

  private void checkLink(Link link) throws IOException {
    List<String> segments = link.segments();
    List<String> folder = segments.subList(0, segments.size() - 1);
    switch (PackagePaths.resolveLink(root, folder, link.target())) {
      case INSIDE -> {}
      case OUTSIDE -> throw PackageErrors.linkOutside(link.name(), link.target());
      case LOOP ->
          throw PackageErrors.corrupt(
              "The symbolic link " + PackageErrors.quote(link.name()) + " is part of a loop.");
    }
  }

  /**
   * Creates the folders of {@code segments} as real directories. A component that exists as
   * anything else (a file, or a link created earlier) is refused: writing below it could leave the
   * tree.
   */
  private void ensureDirectories(String name, List<String> segments) throws IOException {
    Path dir = root;
    for (String segment : segments) {
      dir = dir.resolve(segment);
      if (knownDirectories.contains(dir)) {
        continue;
      }
      if (Files.exists(dir, NOFOLLOW)) {
        if (!Files.isDirectory(dir, NOFOLLOW)) {
          throw PackageErrors.conflict(name);
        }
      } else {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, EXECUTABLE);
      }
      knownDirectories.add(dir);
    }
  }

  private static InputStream openEntry(ZipFile archive, ZipArchiveEntry entry) {
    try {
      return archive.getInputStream(entry);
    } catch (IOException | RuntimeException e) {
      throw damaged(entry.getName());
    }
  }

  private static int readEntry(String name, InputStream in, byte[] buffer) {
    return readEntry(name, in, buffer, 0, buffer.length);
  }

  /** Reads compressed data: a failure here is the zip's (bad deflate data), never the disk's. */
  private static int readEntry(String name, InputStream in, byte[] buffer, int offset, int length) {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException | RuntimeException e) {
      throw damaged(name);
    }
  }

  private static RuntimeException damaged(String name) {
    return PackageErrors.corrupt("The entry " + PackageErrors.quote(name) + " is damaged.");
  }
}
