package dev.outlet.sandbox;

import dev.outlet.core.LaunchPlan;
import dev.outlet.core.StartupCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the command line that starts a runtime, layer by layer. Pure (reads only which host
 * folders are links), unit-tested:
 *
 * <pre>
 * [sh -c 'join the cgroups; exec "$@"']      moves itself into the cgroups before anything runs
 *   [bwrap namespaces, mounts --]             or [setpriv --pdeathsig KILL --] without bubblewrap
 *     [setpriv --reuid 993 ... --]            inside the sandbox, when Outlet is root
 *       [qemu-aarch64-static]                 an arm64 binary on an x86_64 host
 *         the plan's command                  /var/task/bootstrap, or python3.12 /var/runtime/...
 * </pre>
 *
 * <p>A launch stub is the same chain started ahead of time, with {@code /bin/sh -s} in place of the
 * last two layers; {@link #stubExec} is what it reads to exec them.
 *
 * <p>The sandbox's root holds only: {@code /usr} (and its {@code /bin}, {@code /lib} links), the
 * {@link Userland}'s {@code /etc}, {@code /proc}, {@code /dev}, the code read-only at {@code
 * /var/task}, the runtime's files read-only at {@code /var/runtime}, an empty {@code /opt}, a
 * private {@code /tmp}, and the host folders the plan names (an interpreter installed outside
 * /usr).
 *
 * <p>A container-image function's sandbox has the image as its root instead ({@link ImageRoot}),
 * and its setpriv, gate and qemu are the host's, run from {@code /.outlet} ({@link HostTools}).
 */
public final class LaunchCommand {
  public static final String TASK_ROOT = LaunchPlan.TASK_ROOT;
  public static final String RUNTIME_DIR = LaunchPlan.RUNTIME_DIR;
  public static final int SANDBOX_UID = 993;
  public static final int SANDBOX_GID = 990;

  /** Host system folders the runtime sees read-only (as links when they are links on the host). */
  private static final Path BASH = Path.of("/usr/bin/bash");

  private static final Path SH = Path.of("/usr/bin/sh");

  private static final List<String> SYSTEM =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32");

  private static final Pattern SANDBOX_PATH =
      Pattern.compile("(^|[:=])(/var/task|/var/runtime|/opt)(?=/|:|$)");

  /**
   * Where a sandbox's two folders come from on the host.
   *
   * @param task shown at /var/task
   * @param runtime shown at /var/runtime, or null
   * @param opt shown at /opt (the function's merged layers), or null for an empty /opt
   */
  record Folders(Path task, Path runtime, Path opt) {}

  /** Where a startup cache is shown while it is used, inside the runtime's folder. */
  static final String CACHE_FILE = "startup.cache";

  /** Where a recording run writes its startup cache (a writable host folder bound there). */
  static final String RECORDING = "/tmp/outlet-cache";

  /** What a launch does with its plan's {@link StartupCache}. */
  sealed interface CacheMode {
    /** Neither uses nor makes one. */
    record None() implements CacheMode {}

    /** Starts from {@code file}. */
    record Use(Path file) implements CacheMode {}

    /** Makes one into the writable folder {@code dir} (named {@value #CACHE_FILE} there). */
    record Record(Path dir) implements CacheMode {}
  }

  static final CacheMode NO_CACHE = new CacheMode.None();

  private LaunchCommand() {}

  /**
   * @param cgroupJoin the cgroup.procs files to join first (empty for none)
   * @param emulator the emulator to run the binary with, or null
   */
  public static List<String> build(
      Protections p, Userland userland, SandboxSpec spec, List<Path> cgroupJoin, Path emulator) {
    return build(p, userland, spec, cgroupJoin, emulator, NO_CACHE);
  }

  static List<String> build(
      Protections p,
      Userland userland,
      SandboxSpec spec,
      List<Path> cgroupJoin,
      Path emulator,
      CacheMode cache) {
    return build(
        p,
        userland,
        spec,
        cgroupJoin,
        emulator,
        cache,
        spec.launch().image() ? HostTools.host() : null);
  }

  static List<String> build(
      Protections p,
      Userland userland,
      SandboxSpec spec,
      List<Path> cgroupJoin,
      Path emulator,
      CacheMode cache,
      HostTools tools) {
    List<String> cmd = new ArrayList<>();
    join(cmd, cgroupJoin);
    LaunchPlan plan = spec.launch();
    if (plan.image()) {
      ImageCommand.build(cmd, p, userland, spec, emulator, tools);
      return cmd;
    }
    if (p.isolated()) {
      bubblewrap(
          cmd,
          p.bwrap(),
          userland,
          new Folders(spec.codeRoot(), plan.runtimeFiles(), spec.opt()),
          plan.hostMounts(),
          spec.ephemeralStorage(),
          cache,
          p.network().separate());
      dropPrivileges(cmd, p);
      // as uid 993 from here: the first shell puts the loader's variables back (LoaderVariables)
      if (p.network().separate() && !(cache instanceof CacheMode.Record)) {
        gate(cmd, List.of("/bin/sh"), extensionStage(spec, cache));
      } else if (!extensionStage(spec, cache)) {
        cmd.addAll(
            List.of("/bin/sh", "-c", LoaderVariables.RESTORE + "exec \"$@\"", "outlet-runtime"));
      }
    } else if (p.setpriv() != null) {
      cmd.addAll(List.of(p.setpriv().toString(), "--pdeathsig", "KILL", "--"));
    }
    if (extensionStage(spec, cache)) {
      extensions(
          cmd,
          p.isolated()
              ? "/opt/" + ExtensionFiles.DIR
              : spec.opt().resolve(ExtensionFiles.DIR).toString());
    }
    if (emulator != null) {
      cmd.add(emulator.toString());
    }
    cmd.addAll(command(spec, p.isolated(), cache));
    return cmd;
  }

  /**
   * The runtime's own argv: the plan's command, with the startup cache's options after its first
   * word when the cache is used or recorded, in host paths when the runtime is not isolated.
   */
  static List<String> command(SandboxSpec spec, boolean isolated, CacheMode cache) {
    LaunchPlan plan = spec.launch();
    List<String> command = new ArrayList<>(plan.command());
    StartupCache c = plan.cache();
    if (c != null && !(cache instanceof CacheMode.None)) {
      List<String> options;
      String where;
      switch (cache) {
        case CacheMode.Use u -> {
          options = c.useArgs();
          where = isolated ? RUNTIME_DIR + "/" + CACHE_FILE : u.file().toString();
        }
        case CacheMode.Record r -> {
          options = c.recordArgs();
          where = (isolated ? RECORDING : r.dir().toString()) + "/" + CACHE_FILE;
        }
        case CacheMode.None n -> throw new IllegalStateException("no cache");
      }
      command.addAll(
          1, options.stream().map(o -> o.replace(StartupCache.PLACEHOLDER, where)).toList());
    }
    return isolated ? command : command.stream().map(w -> toHost(w, spec)).toList();
  }

  /**
   * A {@link LaunchStubs launch stub}: the sandbox of {@link #build} made ahead of time, with the
   * empty folders of {@code folders} at /var/task and /var/runtime and, where the runtime would be,
   * a shell that reads the rest from standard input ({@link #stubExec}).
   */
  static List<String> stub(
      Protections p, Userland userland, Folders folders, int ephemeralMb, List<Path> cgroupJoin) {
    List<String> cmd = new ArrayList<>();
    join(cmd, cgroupJoin);
    bubblewrap(
        cmd,
        p.bwrap(),
        userland,
        folders,
        List.of(),
        ephemeralMb,
        NO_CACHE,
        p.network().separate());
    dropPrivileges(cmd, p);
    cmd.addAll(List.of("/bin/sh", "-s"));
    return cmd;
  }

  /**
   * What a stub's shell reads to become the runtime: export {@code environment} (besides the {@code
   * PWD=/var/task} bubblewrap sets, as it does for a runtime it starts), exec the plan's command
   * (through {@code emulator} if not null) with standard input from /dev/null. Every word is
   * single-quoted, so no value is ever interpreted.
   *
   * @throws IllegalArgumentException for a variable name the shell cannot export
   */
  static String stubExec(SandboxSpec spec, Map<String, String> environment, Path emulator) {
    return stubExec(spec, environment, emulator, NO_CACHE);
  }

  /** {@link #stubExec(SandboxSpec, Map, Path)}, starting from a startup cache or recording one. */
  static String stubExec(
      SandboxSpec spec, Map<String, String> environment, Path emulator, CacheMode cache) {
    return stubExec(
        spec, environment, emulator, cache, spec.launch().image() ? HostTools.host() : null);
  }

  /**
   * {@link #stubExec(SandboxSpec, Map, Path, CacheMode)} with the emulator of an image function run
   * from {@code tools} ({@link ImageCommand#stub}), and the loader's variables sent as they are:
   * the shell that reads them runs as uid 993.
   */
  static String stubExec(
      SandboxSpec spec,
      Map<String, String> environment,
      Path emulator,
      CacheMode cache,
      HostTools tools) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (!SHELL_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("not a shell variable name: " + e.getKey());
      }
      s.append(e.getKey()).append('=').append(quote(e.getValue()));
      s.append("\nexport ").append(e.getKey()).append('\n');
    }
    s.append("exec");
    if (emulator != null) {
      List<String> run = spec.launch().image() ? tools.run(emulator) : List.of(emulator.toString());
      for (String word : run) {
        s.append(' ').append(quote(word));
      }
    }
    for (String word : command(spec, true, cache)) {
      s.append(' ').append(quote(word));
    }
    return s.append(" </dev/null\n").toString();
  }

  /**
   * A sandbox path (or a list of them, or an option ending in one) as the host sees it, for a
   * runtime that runs without isolation: {@code /var/task} is the code folder, {@code /var/runtime}
   * the runtime's files. Other words are returned as they are.
   */
  public static String toHost(String word, SandboxSpec spec) {
    if (word.indexOf("/var/") < 0 && word.indexOf("/opt") < 0) {
      return word;
    }
    Matcher m = SANDBOX_PATH.matcher(word);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Path host =
          switch (m.group(2)) {
            case TASK_ROOT -> spec.codeRoot();
            case "/opt" -> spec.opt();
            default -> spec.launch().runtimeFiles();
          };
      String replacement = host == null ? m.group(2) : host.toAbsolutePath().toString();
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** [sh -c 'join the cgroups; exec "$@"'], so nothing runs outside them; nothing if none. */
  static void join(List<String> cmd, List<Path> cgroupJoin) {
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

  /** The variable the gate of a sandbox with its own network reads from standard input. */
  static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

  /**
   * A sandbox with its own network waits, before it execs the runtime, for the address of its
   * Runtime API: Outlet opens the listener inside the sandbox's namespace once bubblewrap made it,
   * then writes the address as one line to the sandbox's standard input (see {@link
   * DirectLauncher}).
   */
  private static void gate(List<String> cmd, List<String> shell, boolean keepInput) {
    cmd.addAll(shell);
    cmd.addAll(
        List.of(
            "-c",
            "read -r a || exit 111; "
                + RUNTIME_API
                + "=$a; export "
                + RUNTIME_API
                + "; "
                + LoaderVariables.RESTORE
                + "exec \"$@\""
                + (keepInput ? "" : " </dev/null"),
            "outlet-runtime"));
  }

  /**
   * Whether the launch starts the function's external extensions before its runtime: when its
   * layers bring any, except for a startup-cache recording (which never gets an event).
   */
  static boolean extensionStage(SandboxSpec spec, CacheMode cache) {
    return !spec.launch().image() // AWS allows no layers on an image
        && !(cache instanceof CacheMode.Record)
        && !ExtensionFiles.names(spec.opt()).isEmpty();
  }

  /**
   * Starts each executable of {@code dir} in the background, as Lambda starts external extensions,
   * then waits for one line on standard input (Outlet writes it once every extension has
   * registered, see {@link Extensions}) and execs the runtime.
   */
  private static void extensions(List<String> cmd, String dir) {
    cmd.addAll(
        List.of(
            "/bin/sh",
            "-c",
            LoaderVariables.RESTORE
                + "for e in "
                + quote(dir)
                + "/*; do if [ -f \"$e\" ] && [ -x \"$e\" ]; then \"$e\" </dev/null & fi; done; "
                + "read -r go || exit 111; exec \"$@\" </dev/null",
            "outlet-extensions"));
  }

  static final List<String> SETPRIV_ARGS =
      List.of(
          "--reuid",
          Integer.toString(SANDBOX_UID),
          "--regid",
          Integer.toString(SANDBOX_GID),
          "--clear-groups",
          "--no-new-privs",
          "--");

  private static void dropPrivileges(List<String> cmd, Protections p) {
    if (p.dropsPrivileges()) {
      cmd.add(p.setpriv().toString());
      cmd.addAll(SETPRIV_ARGS);
    }
  }

  private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** POSIX single quoting: a quote inside becomes {@code '\''}. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static void bubblewrap(
      List<String> cmd,
      Path bwrap,
      Userland userland,
      Folders folders,
      List<Path> hostMounts,
      int ephemeralMb,
      CacheMode cache,
      boolean ownNetwork) {
    namespaces(cmd, bwrap, ownNetwork);
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
    // Lambda's /bin/sh is bash (Amazon Linux), and AWS's own custom-runtime tutorial starts with
    // `set -euo pipefail`: where the host's sh is another shell (Debian's dash), bash takes its
    // place
    if (Files.isExecutable(BASH) && Files.exists(SH)) {
      cmd.addAll(List.of("--ro-bind", BASH.toString(), SH.toString()));
    }
    etc(cmd, userland);
    long tmpBytes = ephemeralMb * 1024L * 1024L;
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "0755", "--dir", "/var"));
    // bwrap resolves a relative source from its own working directory, not Outlet's
    cmd.addAll(List.of("--ro-bind", folders.task().toAbsolutePath().toString(), TASK_ROOT));
    if (folders.runtime() != null) {
      cmd.addAll(List.of("--ro-bind", folders.runtime().toAbsolutePath().toString(), RUNTIME_DIR));
      if (cache instanceof CacheMode.Use u) {
        // over the empty file of that name the runtime's folder holds for it
        cmd.addAll(
            List.of(
                "--ro-bind", u.file().toAbsolutePath().toString(), RUNTIME_DIR + "/" + CACHE_FILE));
      }
    }
    if (folders.opt() != null) {
      cmd.addAll(List.of("--ro-bind", folders.opt().toAbsolutePath().toString(), "/opt"));
    } else {
      cmd.addAll(List.of("--perms", "0755", "--dir", "/opt"));
    }
    for (Path host : hostMounts) {
      String path = host.toAbsolutePath().toString();
      parents(cmd, path);
      cmd.addAll(List.of("--ro-bind", path, path));
    }
    cmd.addAll(List.of("--perms", "01777", "--size", Long.toString(tmpBytes), "--tmpfs", "/tmp"));
    if (cache instanceof CacheMode.Record r) {
      cmd.addAll(List.of("--bind", r.dir().toAbsolutePath().toString(), RECORDING));
    }
    cmd.addAll(List.of("--chdir", TASK_ROOT, "--"));
  }

  /** bubblewrap, its namespaces and the sandbox's host name: the same for every sandbox. */
  static void namespaces(List<String> cmd, Path bwrap, boolean ownNetwork) {
    cmd.addAll(
        List.of(
            bwrap.toString(),
            "--die-with-parent",
            "--new-session",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try"));
    if (ownNetwork) {
      cmd.add("--unshare-net");
    }
    cmd.addAll(List.of("--hostname", "localhost"));
  }

  /**
   * The userland's folder as /etc (mode 0755, its files 0644: everyone may read them), then the
   * host's folders over their mount points in it. Without one, an empty /etc everyone may read
   * (bubblewrap run as root would make the implicit parent of a bind mount mode 0700, and uid 993
   * could then read nothing under it).
   */
  private static void etc(List<String> cmd, Userland userland) {
    if (userland.generated() != null) {
      cmd.addAll(List.of("--ro-bind", userland.generated().toAbsolutePath().toString(), "/etc"));
    } else {
      cmd.addAll(List.of("--perms", "0755", "--dir", "/etc"));
    }
    for (Path host : userland.hostEntries()) {
      String path = host.toAbsolutePath().toString();
      cmd.addAll(List.of("--ro-bind-try", path, "/etc/" + host.getFileName()));
    }
  }

  /** Folders any user may traverse above a host mount (see {@link #etc} on bubblewrap's 0700). */
  private static void parents(List<String> cmd, String path) {
    Path p = Path.of(path).getParent();
    List<String> chain = new ArrayList<>();
    while (p != null && p.getParent() != null) {
      chain.addFirst(p.toString());
      p = p.getParent();
    }
    for (String dir : chain) {
      if (!dir.equals("/usr") && !dir.startsWith("/usr/") && !dir.equals("/opt")) {
        cmd.addAll(List.of("--perms", "0755", "--dir", dir));
      }
    }
  }
}
