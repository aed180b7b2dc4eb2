package dev.outlet.core;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a container-image function's sandbox mounts over its root filesystem: the unpack adds the
 * missing ones (empty), the launch mounts only over those that are {@link #usable} (never through a
 * symbolic link the image put there). Pure.
 */
public final class ImageMountPoints {
  /** Folders: {@code /proc}, {@code /dev}, {@code /tmp}, {@code /etc}, Outlet's host tools. */
  public static final List<String> DIRECTORIES = List.of("proc", "dev", "tmp", "etc", ".outlet");

  /** Files of {@code /etc} Outlet shows its own of. */
  public static final List<String> FILES =
      List.of("etc/passwd", "etc/group", "etc/hosts", "etc/resolv.conf");

  /** Where the host's {@code /usr} (setpriv, sh, qemu) is shown inside the sandbox. */
  public static final String HOST_TOOLS = "/.outlet";

  private ImageMountPoints() {}

  /**
   * Whether {@code path} (relative to {@code rootfs}, such as {@code etc/passwd}) can be mounted
   * over: every parent is a real folder and the path itself a real folder ({@code directory}) or
   * regular file, none of them a symbolic link.
   */
  public static boolean usable(Path rootfs, String path, boolean directory) {
    Path p = rootfs;
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length; i++) {
      p = p.resolve(segments[i]);
      if (i == segments.length - 1 && !directory) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
      }
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }
}
