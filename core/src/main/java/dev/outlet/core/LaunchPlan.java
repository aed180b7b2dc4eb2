package dev.outlet.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a sandbox starts one function's runtime, decided when the function is published: the command
 * to exec inside the sandbox and what it needs there. Paths in {@code command} and {@code
 * environment} are the sandbox's ({@code /var/task/...}, {@code /var/runtime/...}); a launcher
 * without isolation maps them to the host's. Immutable.
 *
 * @param command the argv inside the sandbox: {@code /var/task/bootstrap}, or an interpreter and
 *     the runtime loop it runs
 * @param executable the host file exec'd first (checked before exec, so that an exec failure
 *     carries the kernel's words rather than a wrapper's exit status)
 * @param emulate the architecture of a native entrypoint that needs an emulator on this host, or
 *     null
 * @param runtimeFiles the host folder shown read-only at {@code /var/runtime}, or null for none
 * @param environment variables the runtime needs on top of Lambda's base environment (they replace
 *     a base value of the same name: PATH, LD_LIBRARY_PATH)
 * @param hostMounts host folders outside {@code /usr} the command needs (an interpreter installed
 *     elsewhere), shown read-only at the same path
 * @param runtimeVersion what INIT_START names as {@code Runtime Version}, e.g. {@code
 *     provided:al2023.v1} or {@code python:3.11.2}
 * @param notices lines written into the function's log at each cold start, after INIT_START (how it
 *     runs, where Outlet differs from Lambda)
 * @param unavailable why nothing on this host can run the function (its sandboxes then fail with
 *     this message), or null
 * @param cache a startup cache the runtime can make and reuse (a JVM's class-data archive), or null
 * @param rootfs for a container-image function, the image's unpacked root filesystem, shown
 *     read-only as the sandbox's {@code /} (then {@code environment} is the image's {@code Env},
 *     under the function's variables, and {@code command} the image's ENTRYPOINT and CMD); null for
 *     a zip function
 * @param workingDirectory where the command starts inside the sandbox; null for {@code /var/task}
 */
public record LaunchPlan(
    List<String> command,
    Path executable,
    Architecture emulate,
    Path runtimeFiles,
    Map<String, String> environment,
    List<Path> hostMounts,
    String runtimeVersion,
    List<String> notices,
    String unavailable,
    StartupCache cache,
    Path rootfs,
    String workingDirectory) {

  public static final String TASK_ROOT = "/var/task";
  public static final String RUNTIME_DIR = "/var/runtime";

  /** A zip function's plan: its code at {@code /var/task}, where it starts. */
  public LaunchPlan(
      List<String> command,
      Path executable,
      Architecture emulate,
      Path runtimeFiles,
      Map<String, String> environment,
      List<Path> hostMounts,
      String runtimeVersion,
      List<String> notices,
      String unavailable,
      StartupCache cache) {
    this(
        command,
        executable,
        emulate,
        runtimeFiles,
        environment,
        hostMounts,
        runtimeVersion,
        notices,
        unavailable,
        cache,
        null,
        null);
  }

  public LaunchPlan {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    hostMounts = List.copyOf(hostMounts);
    notices = List.copyOf(notices);
  }

  /** Whether this is a container-image function's plan (its root filesystem is the image's). */
  public boolean image() {
    return rootfs != null;
  }

  /** The first word of the command: what the kernel execs inside the sandbox. */
  public String program() {
    return command.getFirst();
  }
}
