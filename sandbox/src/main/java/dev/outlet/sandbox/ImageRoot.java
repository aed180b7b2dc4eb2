package dev.outlet.sandbox;

import dev.outlet.core.ImageMountPoints;
import dev.outlet.core.LaunchPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * The mounts of a container-image function's sandbox: the image's root filesystem read-only as
 * {@code /}, then over it {@code /proc}, {@code /dev}, Outlet's user database, {@code hosts} and
 * the host's {@code resolv.conf} over the image's (the rest of its {@code /etc} stays the image's),
 * a private {@code /tmp}, and the host's tools under {@value ImageMountPoints#HOST_TOOLS}. A mount
 * point the image made a symbolic link or the wrong kind of file is left out: nothing is mounted
 * through a link. No host {@code /usr}, no {@code /var/task}, {@code /var/runtime} nor {@code
 * /opt}: an image brings its own.
 */
final class ImageRoot {
  private ImageRoot() {}

  static void mounts(
      List<String> cmd, Userland userland, LaunchPlan plan, int ephemeralMb, HostTools tools) {
    mounts(cmd, userland, ImageStubKey.of(plan, ephemeralMb), tools);
  }

  /**
   * The mounts for the image root filesystem, /tmp size and working directory of {@code key}: all
   * the mounts depend on, so that a launch stub made for a key serves every function with it.
   */
  static void mounts(List<String> cmd, Userland userland, ImageStubKey key, HostTools tools) {
    Path rootfs = key.rootfs();
    int ephemeralMb = key.ephemeralMb();
    cmd.addAll(List.of("--ro-bind", rootfs.toString(), "/"));
    if (ImageMountPoints.usable(rootfs, "proc", true)) {
      cmd.addAll(List.of("--proc", "/proc"));
    }
    if (ImageMountPoints.usable(rootfs, "dev", true)) {
      cmd.addAll(List.of("--dev", "/dev"));
    }
    for (String file : ImageMountPoints.FILES) {
      Path source = source(userland, file.substring("etc/".length()));
      if (source != null && ImageMountPoints.usable(rootfs, file, false)) {
        cmd.addAll(List.of("--ro-bind", source.toAbsolutePath().toString(), "/" + file));
      }
    }
    if (ImageMountPoints.usable(rootfs, "tmp", true)) {
      long bytes = ephemeralMb * 1024L * 1024L;
      cmd.addAll(List.of("--perms", "01777", "--size", Long.toString(bytes), "--tmpfs", "/tmp"));
    }
    // a tmpfs of its own: the image's folder is read-only, and bubblewrap makes mount points
    cmd.addAll(List.of("--perms", "0755", "--tmpfs", ImageMountPoints.HOST_TOOLS));
    for (HostTools.Bind b : tools.binds()) {
      cmd.addAll(List.of("--ro-bind", b.host().toString(), b.target()));
    }
    cmd.addAll(List.of("--chdir", key.workdir()));
  }

  /** Outlet's file of that name under /etc: its own or its copy of the host's, or null. */
  private static Path source(Userland userland, String name) {
    if (userland.generated() != null
        && java.nio.file.Files.isRegularFile(userland.generated().resolve(name))) {
      return userland.generated().resolve(name);
    }
    for (Path host : userland.hostEntries()) {
      if (host.getFileName().toString().equals(name)) {
        return host;
      }
    }
    return null;
  }
}
