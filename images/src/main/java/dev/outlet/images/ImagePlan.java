package dev.outlet.images;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * The {@link LaunchPlan} of a container-image function: the image's command run in its own root
 * filesystem, with the image's environment. The executable is found the way the kernel and a shell
 * would inside the sandbox (links followed within the tree, a bare name looked up on the image's
 * {@code PATH}), so that a missing entrypoint is reported when the function is published rather
 * than as a wrapper's exit status.
 */
public final class ImagePlan {
  /** The {@code PATH} Docker gives an image that sets none. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** What INIT_START names as the runtime version: an image brings its own runtime. */
  static final String RUNTIME_VERSION = "image";

  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;

  private ImagePlan() {}

  /**
   * The plan of {@code launch} for a function of {@code functionArchitecture} (the platform the
   * image was read for): an ELF entrypoint for the other architecture than the host's runs
   * emulated, as a zip function's does.
   */
  public static LaunchPlan of(ImageLaunch launch, Architecture functionArchitecture) {
    String program = launch.command().getFirst();
    Path executable = find(launch, program);
    String unavailable = null;
    Architecture emulate = null;
    if (executable == null) {
      executable = launch.rootfs().resolve(program.replaceFirst("^/+", ""));
      unavailable = missing(launch, program);
    } else {
      emulate = elfArchitecture(executable, functionArchitecture);
    }
    return new LaunchPlan(
        launch.command(),
        executable,
        emulate,
        null,
        launch.environment(),
        List.of(),
        RUNTIME_VERSION,
        List.of(),
        unavailable,
        null,
        launch.rootfs(),
        launch.workingDirectory());
  }

  /** The host file {@code program} names inside the image, or null. */
  static Path find(ImageLaunch launch, String program) {
    if (program.startsWith("/")) {
      return regularFile(InsideRoot.resolve(launch.rootfs(), program));
    }
    if (program.contains("/")) { // relative to the working directory, as exec sees it
      return regularFile(
          InsideRoot.resolve(launch.rootfs(), launch.workingDirectory() + "/" + program));
    }
    Path readable = null;
    for (String dir : path(launch).split(":")) {
      if (!dir.startsWith("/")) {
        continue;
      }
      Path p = regularFile(InsideRoot.resolve(launch.rootfs(), dir + "/" + program));
      if (p != null && executableBySomeone(p)) {
        return p;
      }
      if (p != null && readable == null) {
        readable = p; // exec would fail on it with permission denied: report that one
      }
    }
    return readable;
  }

  private static String path(ImageLaunch launch) {
    String path = launch.environment().get("PATH");
    return path == null ? DEFAULT_PATH : path;
  }

  private static Path regularFile(Path p) {
    return p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
  }

  private static boolean executableBySomeone(Path p) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      return perms.contains(PosixFilePermission.OWNER_EXECUTE)
          || perms.contains(PosixFilePermission.GROUP_EXECUTE)
          || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (IOException e) {
      return false;
    }
  }

  private static String missing(ImageLaunch launch, String program) {
    String where =
        program.contains("/")
            ? "does not exist in the image"
            : "is not in any folder of the image's PATH (" + path(launch) + ")";
    return "the image's entrypoint "
        + program
        + " "
        + where
        + digest(launch.rootfs())
        + ": set ImageConfig.EntryPoint to a program the image has, or rebuild the image with it";
  }

  /** The image's digest, from the store's folder name {@code sha256-<hex>/rootfs}, if it is one. */
  private static String digest(Path rootfs) {
    Path parent = rootfs.getParent();
    String name = parent == null ? "" : parent.getFileName().toString();
    int dash = name.indexOf('-');
    return dash > 0 ? " (" + name.substring(0, dash) + ":" + name.substring(dash + 1) + ")" : "";
  }

  /**
   * The architecture of an ELF executable that differs from the host's (it needs an emulator), or
   * null: the host's own, or a script (its interpreter is the image's, for the function's
   * architecture; a script needs no emulator of its own when that is the host's).
   */
  private static Architecture elfArchitecture(Path executable, Architecture function) {
    byte[] head = new byte[20];
    int n;
    try (InputStream in = Files.newInputStream(executable)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return null;
    }
    if (n < 20 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
      return null;
    }
    int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
    Architecture arch =
        switch (machine) {
          case EM_X86_64 -> Architecture.X86_64;
          case EM_AARCH64 -> Architecture.ARM64;
          default -> function;
        };
    return arch == Architecture.host() ? null : arch;
  }

  /** A plan whose sandboxes fail with {@code why}: the image cannot be run. */
  public static LaunchPlan unavailable(Path rootfs, String why) {
    return new LaunchPlan(
        List.of("/"),
        null,
        null,
        null,
        java.util.Map.of(),
        List.of(),
        RUNTIME_VERSION,
        List.of(),
        why,
        null,
        rootfs,
        null);
  }
}
