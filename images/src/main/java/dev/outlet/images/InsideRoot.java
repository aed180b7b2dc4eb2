package dev.outlet.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path as a process inside a root filesystem would see it, from the host: symbolic links
 * are followed within the tree, an absolute target means the tree's root, {@code ..} stops at the
 * root. Never leaves the tree. Reads only.
 */
final class InsideRoot {
  /** The kernel's limit on links followed in one lookup. */
  private static final int MAX_LINKS = 40;

  private InsideRoot() {}

  /**
   * The host path of {@code path} (absolute, as seen inside {@code rootfs}), every link resolved;
   * null when a part of it does not exist, is not a folder where one is needed, or links loop.
   */
  static Path resolve(Path rootfs, String path) {
    Deque<String> pending = new ArrayDeque<>(split(path));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String segment = pending.pollFirst();
      if (segment.equals("..")) {
        if (!done.isEmpty()) {
          done.removeLast();
        }
        continue;
      }
      Path here = join(rootfs, done).resolve(segment);
      if (Files.isSymbolicLink(here)) {
        if (++links > MAX_LINKS) {
          return null;
        }
        String target;
        try {
          target = Files.readSymbolicLink(here).toString();
        } catch (IOException e) {
          return null;
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = split(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          pending.addFirst(parts.get(i));
        }
        continue;
      }
      if (!Files.exists(here, LinkOption.NOFOLLOW_LINKS)
          || (!pending.isEmpty() && !Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS))) {
        return null;
      }
      done.add(segment);
    }
    return join(rootfs, done);
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  private static Path join(Path rootfs, List<String> segments) {
    Path p = rootfs;
    for (String s : segments) {
      p = p.resolve(s);
    }
    return p;
  }
}
