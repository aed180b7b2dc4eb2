package dev.outlet.images;

import dev.outlet.core.ImageMountPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Adds the empty folders and files a sandbox mounts over ({@link ImageMountPoints}) to a root
 * filesystem before it is published: bubblewrap shows the tree read-only as {@code /} and cannot
 * create a mount point in it, and the shared tree is never bound writable, not even briefly.
 *
 * <p>Nothing is ever written through a symbolic link: a mount point that is a link or of the other
 * kind (a file where a folder is wanted), or under such a parent, is left as the image has it; the
 * launch then leaves that mount out.
 */
final class MountPoints {
  private MountPoints() {}

  /** Adds the missing mount points under {@code rootfs} (folders 0755, files 0644, empty). */
  static void add(Path rootfs) throws IOException {
    for (String dir : ImageMountPoints.DIRECTORIES) {
      Path p = rootfs.resolve(dir);
      if (Files.notExists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(p);
        Files.setPosixFilePermissions(p, Modes.permissions(0755));
      }
    }
    for (String file : ImageMountPoints.FILES) {
      Path p = rootfs.resolve(file);
      if (Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)
          && Files.notExists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(p);
        Files.setPosixFilePermissions(p, Modes.permissions(0644));
      }
    }
  }
}
