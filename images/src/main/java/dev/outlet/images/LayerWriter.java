package dev.outlet.images;

import dev.outlet.core.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one layer's tar onto a root filesystem being built, with overlay semantics: entries
 * replace what lower layers left, {@code .wh.<name>} deletes, {@code .wh..wh..opq} empties a
 * directory of what lower layers put there. Single use, one thread.
 *
 * <p>Safety: every path is resolved one component at a time without following links; a component
 * that is a symbolic link (or a file) is refused, so a link from any layer can never carry a write
 * outside the root. Symbolic links are created as they are (absolute targets included: they mean
 * the sandbox's root, where they are resolved) and never followed here. Hard links must name an
 * existing non-directory inside the root. Device files and FIFOs are skipped; setuid, setgid and
 * ownership are dropped (files belong to Outlet's user). Directory modes are recorded and applied
 * by the caller once every layer is in, so a read-only directory cannot block a later layer.
 */
final class LayerWriter {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final Path root;
  private final String layer;
  private final SizeBudget budget;
  private final Map<Path, Integer> directoryModes;
  private final Set<String> written = new HashSet<>();

  LayerWriter(Path root, String layer, SizeBudget budget, Map<Path, Integer> directoryModes) {
    this.root = root;
    this.layer = layer;
    this.budget = budget;
    this.directoryModes = directoryModes;
  }

  void apply(InputStream tarStream) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
    while (true) {
      TarArchiveEntry entry;
      try {
        entry = tar.getNextEntry();
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageException ie) {
          throw ie;
        }
        throw new ImageException("the " + layer + " has a damaged tar header: " + e.getMessage());
      }
      if (entry == null) {
        return;
      }
      budget.addEntry();
      applyEntry(tar, entry);
    }
  }

  private void applyEntry(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
    String name = entry.getName();
    List<String> segments = RootfsPaths.segments(name);
    if (segments == null) {
      throw refused(name, "leaves the root (an absolute path or ..)");
    }
    if (segments.isEmpty()) {
      return; // the root itself ("./")
    }
    String base = segments.getLast();
    List<String> parentSegments = segments.subList(0, segments.size() - 1);
    if (base.startsWith(WHITEOUT)) {
      whiteout(name, parentSegments, base);
      return;
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      return;
    }
    if (!entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isFile()) {
      return; // sockets, tar extensions commons-compress does not fold in
    }
    Path parent = directory(name, parentSegments, true);
    Path target = parent.resolve(base);
    written.add(String.join("/", segments));
    if (entry.isDirectory()) {
      if (!Files.isDirectory(target, NOFOLLOW)) {
        remove(target);
        Files.createDirectory(target);
      }
      directoryModes.put(target, entry.getMode() & 0777);
    } else if (entry.isSymbolicLink()) {
      String link = entry.getLinkName();
      if (link.isEmpty() || link.length() > RootfsPaths.MAX_NAME || link.indexOf('\0') >= 0) {
        throw refused(name, "is a symbolic link with an empty or invalid target");
      }
      remove(target);
      Files.createSymbolicLink(target, root.getFileSystem().getPath(link));
    } else if (entry.isLink()) {
      hardLink(name, target, entry.getLinkName());
    } else {
      remove(target);
      try (OutputStream out =
          Files.newOutputStream(
              target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW[0])) {
        copy(name, tar, out);
      }
      Files.setPosixFilePermissions(target, Modes.permissions(entry.getMode() & 0777));
      Files.setLastModifiedTime(target, FileTime.from(entry.getLastModifiedTime().toInstant()));
    }
  }

  /** Copies an entry's bytes: a read fault is the layer's (truncated), a write fault the disk's. */
  private void copy(String name, InputStream tar, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int n;
      try {
        n = tar.read(buffer);
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageException ie) {
          throw ie;
        }
        throw refused(name, "is damaged or cut short: " + e.getMessage());
      }
      if (n < 0) {
        return;
      }
      out.write(buffer, 0, n);
    }
  }

  private void whiteout(String name, List<String> parentSegments, String base) throws IOException {
    Path parent = directory(name, parentSegments, false);
    if (parent == null) {
      return; // nothing below a missing folder to delete
    }
    if (base.equals(OPAQUE)) {
      opaque(parent, String.join("/", parentSegments));
      return;
    }
    String victim = base.substring(WHITEOUT.length());
    if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
      throw refused(name, "is a whiteout of no file");
    }
    remove(parent.resolve(victim));
  }

  /** Deletes what lower layers put in {@code dir}, keeping what this layer wrote there. */
  private void opaque(Path dir, String relative) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.toList();
    }
    for (Path child : children) {
      String rel = (relative.isEmpty() ? "" : relative + "/") + child.getFileName();
      if (!written.contains(rel)) {
        remove(child);
      } else if (Files.isDirectory(child, NOFOLLOW)) {
        opaque(child, rel);
      }
    }
  }

  private void hardLink(String name, Path target, String linkName) throws IOException {
    List<String> segments = RootfsPaths.segments(linkName);
    if (segments == null || segments.isEmpty()) {
      throw refused(name, "is a hard link to " + Digest.quote(linkName) + ", outside the root");
    }
    Path parent = directory(name, segments.subList(0, segments.size() - 1), false);
    Path source = parent == null ? null : parent.resolve(segments.getLast());
    if (source == null || !Files.exists(source, NOFOLLOW) || Files.isDirectory(source, NOFOLLOW)) {
      throw refused(
          name, "is a hard link to " + Digest.quote(linkName) + ", which is not a file before it");
    }
    if (source.equals(target)) {
      return;
    }
    remove(target);
    Files.createLink(target, source);
  }

  /**
   * The directory {@code segments} below the root, each component checked without following links;
   * missing ones are created when {@code create}, else null is returned.
   */
  private Path directory(String name, List<String> segments, boolean create) throws IOException {
    Path dir = root;
    for (int i = 0; i < segments.size(); i++) {
      dir = dir.resolve(segments.get(i));
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException e) {
        if (!create) {
          return null;
        }
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, Modes.permissions(0755));
        continue;
      }
      String at = String.join("/", segments.subList(0, i + 1));
      if (attributes.isSymbolicLink()) {
        throw refused(
            name, "would be written through the symbolic link " + Digest.quote(at) + " (refused)");
      }
      if (!attributes.isDirectory()) {
        if (!create) {
          return null;
        }
        throw refused(name, "needs " + Digest.quote(at) + " to be a folder, but it is a file");
      }
    }
    return dir;
  }

  /** Deletes a file, link or whole tree at {@code path}, never following a link. */
  private static void remove(Path path) throws IOException {
    if (Files.isDirectory(path, NOFOLLOW)) {
      FileTrees.delete(path);
    } else {
      Files.deleteIfExists(path);
    }
  }

  private ImageException refused(String entry, String problem) {
    return new ImageException(
        "the " + layer + ": the entry " + Digest.quote(entry) + " " + problem);
  }
}
