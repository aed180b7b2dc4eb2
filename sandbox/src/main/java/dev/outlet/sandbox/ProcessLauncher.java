package dev.outlet.sandbox;

import java.io.IOException;

/**
 * Starts runtime processes. Implementations decide the isolation (plain process, namespaces,
 * cgroups, emulation). Blocking: call off event loops.
 */
public interface ProcessLauncher {

  /**
   * Starts the entrypoint of {@code spec}. The returned process's stdout and stderr are merged.
   *
   * @throws IOException when the exec fails; its message names the errno (e.g. "error=13,
   *     Permission denied")
   */
  LaunchedProcess launch(LaunchSpec spec) throws IOException;

  /** The path the runtime sees its code at ({@code /var/task} when isolated). */
  String taskRoot(LaunchSpec spec);
}
