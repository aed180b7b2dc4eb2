package dev.outlet.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 *
 * <p>A launch stub is the same chain started ahead of time, with {@code /bin/sh -s} in place of the
 * last two layers; {@link #stubExec} is what it reads to exec them.
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
    join(cmd, cgroupJoin);
    String exe;
    if (p.isolated()) {
      bubblewrap(cmd, p.bwrap(), spec.codeRoot(), spec.ephemeralStorage());
      dropPrivileges(cmd, p);
      exe = TASK_ROOT + "/" + spec.entrypoint().path();
    } else {
      if (p.setpriv() != null) {
        cmd.addAll(List.of(p.setpriv().toString(), "--pdeathsig", "KILL", "--"));
      }
      exe = spec.codeRoot().toAbsolutePath().resolve(spec.entrypoint().path()).toString();
    }
    if (emulator != null) {
      cmd.add(emulator.toString());
    }
    cmd.add(exe);
    return cmd;
  }

  /**
   * A {@link LaunchStubs launch stub}: the sandbox of {@link #build} made ahead of time, with the
   * empty folder {@code task} at /var/task and, where the runtime would be, a shell that reads the
   * rest from standard input ({@link #stubExec}).
   */
  static List<String> stub(Protections p, Path task, int ephemeralMb, List<Path> cgroupJoin) {
    List<String> cmd = new ArrayList<>();
    join(cmd, cgroupJoin);
    bubblewrap(cmd, p.bwrap(), task, ephemeralMb);
    dropPrivileges(cmd, p);
    cmd.addAll(List.of("/bin/sh", "-s"));
    return cmd;
  }

  /**
   * What a stub's shell reads to become the runtime: export {@code environment} (besides the {@code
   * PWD=/var/task} bubblewrap sets, as it does for a runtime it starts), exec the entrypoint
   * (through {@code emulator} if not null) with standard input from /dev/null. Every word is
   * single-quoted, so no value is ever interpreted.
   *
   * @throws IllegalArgumentException for a variable name the shell cannot export
   */
  static String stubExec(SandboxSpec spec, Map<String, String> environment, Path emulator) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (!SHELL_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("not a shell variable name: " + e.getKey());
      }
      s.append(e.getKey()).append('=').append(quote(e.getValue()));
      s.append("\nexport ").append(e.getKey()).append('\n');
    }
    s.append("exec ");
    if (emulator != null) {
      s.append(quote(emulator.toString())).append(' ');
    }
    s.append(quote(TASK_ROOT + "/" + spec.entrypoint().path()));
    return s.append(" </dev/null\n").toString();
  }

  /** [sh -c 'join the cgroups; exec "$@"'], so nothing runs outside them; nothing if none. */
  private static void join(List<String> cmd, List<Path> cgroupJoin) {
    if (cgroupJoin.isEmpty()) {
      return;
    }
    StringBuilder files = new StringBuilder();
    for (Path f : cgroupJoin) {
      files.append(' ').append(quote(f.toString()));
    }
    cmd.add("/bin/sh");
    cmd.add("-c");
    cmd.add(
        "unset PWD OLDPWD; for f in"
            + files
            + "; do echo $$ > \"$f\" || exit 111; done; exec \"$@\"");
    cmd.add("outlet-sandbox");
  }

  private static void dropPrivileges(List<String> cmd, Protections p) {
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
  }

  private static final java.util.regex.Pattern SHELL_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** POSIX single quoting: a quote inside becomes {@code '\''}. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static void bubblewrap(List<String> cmd, Path bwrap, Path code, int ephemeralMb) {
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
    long tmpBytes = ephemeralMb * 1024L * 1024L;
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
            // bwrap resolves a relative source from its own working directory, not Outlet's
            code.toAbsolutePath().toString(),
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
