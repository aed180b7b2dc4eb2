package dev.outlet.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line that starts a runtime, layer by layer. Pure (reads only which host
 * folders are links), unit-tested:
 *
 * <pre>
 * [sh -c 'join the cgroups; exec "$@"']      moves itself into the cgroups before anything runs
 *   [bwrap namespaces, mounts --]             or [setpriv --pdeathsig KILL --] without bubblewrap
 *     [setpriv --reuid 993 ... --]            inside the sandbox, when Outlet is root
 *       [qemu-aarch64-static]                 an arm64 binary on an x86_64 host
 *         /var/task/bootstrap
 * </pre>
 */
public final class LaunchCommand {
  public static final String TASK_ROOT = "/var/task";
  public static final int SANDBOX_UID = 993;
  public static final int SANDBOX_GID = 990;

  /** Host system folders the runtime sees read-only (as links when they are links on the host). */
  private static final List<String> SYSTEM =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32");

  /**
   * The few host files of /etc a runtime needs: TLS roots, name resolution, users, Java's links.
   */
  private static final List<String> ETC =
      List.of(
          "/etc/ssl",
          "/etc/ca-certificates",
          "/etc/pki",
          "/etc/resolv.conf",
          "/etc/hosts",
          "/etc/nsswitch.conf",
          "/etc/passwd",
          "/etc/group",
          "/etc/alternatives",
          "/etc/ld.so.cache",
          "/etc/java-17-openjdk",
          "/etc/java-21-openjdk",
          "/etc/localtime");

  private LaunchCommand() {}

  /**
   * @param cgroupJoin the cgroup.procs files to join first (empty for none)
   * @param emulator the emulator to run the binary with, or null
   */
  public static List<String> build(
      Protections p, SandboxSpec spec, List<Path> cgroupJoin, Path emulator) {
    List<String> cmd = new ArrayList<>();
    if (!cgroupJoin.isEmpty()) {
      StringBuilder files = new StringBuilder();
      for (Path f : cgroupJoin) {
        files.append(" '").append(f).append('\'');
      }
      cmd.add("/bin/sh");
      cmd.add("-c");
      cmd.add("for f in" + files + "; do echo $$ > \"$f\" || exit 111; done; exec \"$@\"");
      cmd.add("outlet-sandbox");
    }
    String exe;
    if (p.isolated()) {
      bubblewrap(cmd, p.bwrap(), spec);
      if (p.dropsPrivileges()) {
        cmd.addAll(
            List.of(
                p.setpriv().toString(),
                "--reuid",
                Integer.toString(SANDBOX_UID),
                "--regid",
                Integer.toString(SANDBOX_GID),
                "--clear-groups",
                "--no-new-privs",
                "--"));
      }
      exe = TASK_ROOT + "/" + spec.entrypoint().path();
    } else {
      if (p.setpriv() != null) {
        cmd.addAll(List.of(p.setpriv().toString(), "--pdeathsig", "KILL", "--"));
      }
      exe = spec.codeRoot().resolve(spec.entrypoint().path()).toString();
    }
    if (emulator != null) {
      cmd.add(emulator.toString());
    }
    cmd.add(exe);
    return cmd;
  }

  private static void bubblewrap(List<String> cmd, Path bwrap, SandboxSpec spec) {
    cmd.addAll(
        List.of(
            bwrap.toString(),
            "--die-with-parent",
            "--new-session",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            "localhost"));
    for (String dir : SYSTEM) {
      Path host = Path.of(dir);
      if (Files.isSymbolicLink(host)) {
        try {
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), dir));
        } catch (java.io.IOException e) {
          // unreadable link: leave it out
        }
      } else if (Files.isDirectory(host)) {
        cmd.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    for (String etc : ETC) {
      cmd.addAll(List.of("--ro-bind-try", etc, etc));
    }
    long tmpBytes = spec.ephemeralStorage() * 1024L * 1024L;
    cmd.addAll(
        List.of(
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            "--perms",
            "0755",
            "--dir",
            "/var",
            "--ro-bind",
            spec.codeRoot().toString(),
            TASK_ROOT,
            "--perms",
            "0755",
            "--dir",
            "/opt",
            "--perms",
            "01777",
            "--size",
            Long.toString(tmpBytes),
            "--tmpfs",
            "/tmp",
            "--chdir",
            TASK_ROOT,
            "--"));
  }
}
