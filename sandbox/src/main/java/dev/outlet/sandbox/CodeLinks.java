package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows a function's extracted code inside a launch stub: the stub's {@code /var/task} is a folder
 * of its own, bound read-only before the function was known, and this fills it with hard links to
 * the code's files (a link is one syscall; the files stay the code store's, unchanged and shared).
 * Only small trees are linked, where that is quicker than starting a sandbox anew.
 *
 * <p>The listing of each tree is remembered; the map is this class's and bounded.
 */
final class CodeLinks {
  /** Trees with more entries than this start the direct way. */
  static final int MAX_ENTRIES = 64;

  private static final int REMEMBERED = 256;

  private enum Kind {
    DIR,
    FILE,
    SYMLINK
  }

  private record Entry(Path relative, Kind kind) {}

  private final Map<Path, Optional<List<Entry>>> listings = new ConcurrentHashMap<>();

  /** Whether {@code codeRoot} is small enough to link. */
  boolean linkable(Path codeRoot) {
    return listing(codeRoot).isPresent();
  }

  /**
   * Links the tree at {@code codeRoot} into the empty folder {@code into}: folders made, files hard
   * linked, symbolic links (already checked to stay inside the package) copied as links.
   *
   * @throws IOException when a link cannot be made (another filesystem) or the tree is too big
   */
  void link(Path codeRoot, Path into) throws IOException {
    List<Entry> entries =
        listing(codeRoot).orElseThrow(() -> new IOException("too many files to link"));
    for (Entry e : entries) {
      Path target = into.resolve(e.relative());
      Path source = codeRoot.resolve(e.relative());
      switch (e.kind()) {
        case DIR -> Files.createDirectory(target);
        case FILE -> Files.createLink(target, source);
        case SYMLINK -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
      }
    }
  }

  private Optional<List<Entry>> listing(Path codeRoot) {
    Optional<List<Entry>> known = listings.get(codeRoot);
    if (known != null) {
      return known;
    }
    Optional<List<Entry>> found = walk(codeRoot);
    if (listings.size() >= REMEMBERED) {
      listings.clear();
    }
    listings.put(codeRoot, found);
    return found;
  }

  private static Optional<List<Entry>> walk(Path codeRoot) {
    List<Entry> entries = new ArrayList<>();
    try {
      Files.walkFileTree(
          codeRoot,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(codeRoot)) {
                entries.add(new Entry(codeRoot.relativize(dir), Kind.DIR));
              }
              return entries.size() > MAX_ENTRIES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              Kind kind =
                  attrs.isSymbolicLink() ? Kind.SYMLINK : attrs.isRegularFile() ? Kind.FILE : null;
              if (kind != null) {
                entries.add(new Entry(codeRoot.relativize(file), kind));
              }
              return entries.size() > MAX_ENTRIES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return Optional.empty();
    }
    return entries.size() > MAX_ENTRIES ? Optional.empty() : Optional.of(List.copyOf(entries));
  }
}
