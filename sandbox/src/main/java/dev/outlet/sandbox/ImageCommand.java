package dev.outlet.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of container-image functions, beside {@link LaunchCommand}'s for zips: the
 * cgroup join and bubblewrap's namespaces are the same, the mounts are {@link ImageRoot}'s (the
 * image as /), and what runs inside before the image's command is the host's (setpriv, a shell,
 * qemu) run through {@link HostTools}, since the image may have no libc. Pure.
 */
final class ImageCommand {
  /** The start of the message when an image function is launched without bubblewrap. */
  static final String NEEDS_BUBBLEWRAP =
      "container-image functions need bubblewrap (an image's root filesystem cannot be shown as /"
          + " to a plain process): ";

  private static final Path HOST_SH = Path.of("/bin/sh");

  private ImageCommand() {}

  /**
   * A container-image function, after the cgroup join: bubblewrap with the image as its root, then
   * the host's setpriv and a shell (the gate where the sandbox has its own network; it restores the
   * {@link LoaderVariables} as uid 993), qemu for another architecture, and the image's command. No
   * extensions' stage: an image has no layers.
   *
   * @throws IllegalArgumentException without bubblewrap: an image cannot run as a plain process
   */
  static void build(
      List<String> cmd,
      Protections p,
      Userland userland,
      SandboxSpec spec,
      Path emulator,
      HostTools tools) {
    if (!p.isolated()) {
      throw new IllegalArgumentException(NEEDS_BUBBLEWRAP + p.bwrapProblem());
    }
    LaunchCommand.namespaces(cmd, p.bwrap(), p.network().separate());
    ImageRoot.mounts(cmd, userland, spec.launch(), spec.ephemeralStorage(), tools);
    inside(cmd, p, tools);
    cmd.add("-c");
    // as uid 993 now: the loader's variables are safe to restore (see LoaderVariables)
    String api = LaunchCommand.RUNTIME_API;
    cmd.add(
        (p.network().separate()
                ? "read -r a || exit 111; " + api + "=$a; export " + api + "; "
                : "")
            + LoaderVariables.RESTORE
            + "exec \"$@\" </dev/null");
    cmd.add("outlet-runtime");
    if (emulator != null) {
      cmd.addAll(tools.run(emulator));
    }
    cmd.addAll(spec.launch().command());
  }

  /**
   * A {@link LaunchStubs launch stub} for the container images of {@code key}: {@link #build} made
   * ahead of time up to its shell, which reads the rest from standard input ({@link
   * LaunchCommand#stubExec}). Started with an empty environment: nothing that runs as root ever
   * sees the function's variables, the loader's among them; the shell, already uid 993, receives
   * them.
   */
  static List<String> stub(
      Protections p, Userland userland, ImageStubKey key, List<Path> cgroupJoin, HostTools tools) {
    List<String> cmd = new ArrayList<>();
    LaunchCommand.join(cmd, cgroupJoin);
    LaunchCommand.namespaces(cmd, p.bwrap(), p.network().separate());
    ImageRoot.mounts(cmd, userland, key, tools);
    inside(cmd, p, tools);
    cmd.add("-s");
    return cmd;
  }

  /** The end of bubblewrap's options, then setpriv (when Outlet is root) and the host's shell. */
  private static void inside(List<String> cmd, Protections p, HostTools tools) {
    cmd.add("--");
    if (p.dropsPrivileges()) {
      cmd.addAll(tools.run(p.setpriv()));
      cmd.addAll(LaunchCommand.SETPRIV_ARGS);
    }
    cmd.addAll(tools.run(HOST_SH));
  }
}
