package dev.outlet.sandbox;

import dev.outlet.core.LaunchPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Checks, before exec, what the kernel would refuse, and fails with the errno text the JDK uses
 * ("error=13, Permission denied"), so that wrappers (setpriv, bwrap, qemu) do not turn an exec
 * failure into an opaque exit status. Reads four bytes: cheap enough for every cold start.
 */
public final class ExecCheck {
  private ExecCheck() {}

  /**
   * The check of a container image's entrypoint, the file {@link LaunchPlan#executable} found
   * inside its root filesystem: every file there belongs to Outlet's user, so when the sandbox runs
   * as uid 993 the file must be executable (and a script readable) by others. A file a Dockerfile
   * made 0700 fails here with the fix, rather than as the kernel's bare "permission denied".
   *
   * @param asOthers whether the sandbox runs as another user than the files' owner
   */
  public static void checkImage(LaunchPlan plan, boolean asOthers) throws IOException {
    Path exe = plan.executable();
    String inImage = "/" + plan.rootfs().relativize(exe);
    if (!Files.isRegularFile(exe, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "no such file or directory: "
              + inImage
              + " is not a file in the image's root filesystem");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(exe, LinkOption.NOFOLLOW_LINKS);
    boolean script = startsWithShebang(exe);
    boolean runs =
        asOthers
            ? perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                && (!script || perms.contains(PosixFilePermission.OTHERS_READ))
            : perms.contains(PosixFilePermission.OWNER_EXECUTE);
    if (!runs) {
      throw new IOException(
          "permission denied: the image's "
              + inImage
              + " is mode "
              + PosixFilePermissions.toString(perms)
              + (asOthers
                  ? ", and functions run as an unprivileged user (uid "
                      + LaunchCommand.SANDBOX_UID
                      + ", as on Lambda) that does not own it"
                  : "")
              + ": make it readable and executable by everyone in the Dockerfile (RUN chmod 755 "
              + inImage
              + ")");
    }
    check(exe);
  }

  private static boolean startsWithShebang(Path exe) throws IOException {
    try (InputStream in = Files.newInputStream(exe)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == '#' && head[1] == '!';
    }
  }

  public static void check(Path exe) throws IOException {
    if (!Files.isRegularFile(exe)) {
      throw new IOException("error=2, No such file or directory");
    }
    if (!Files.isExecutable(exe)) {
      throw new IOException("error=13, Permission denied");
    }
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(exe)) {
      n = in.readNBytes(head, 0, 4);
    }
    boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    boolean script = n >= 2 && head[0] == '#' && head[1] == '!';
    if (!elf && !script) {
      throw new IOException("error=8, Exec format error");
    }
  }
}
