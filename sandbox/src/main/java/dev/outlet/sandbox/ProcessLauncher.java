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

  /** Opens a sandbox's Runtime API listener. */
  interface Endpoints {
    /**
     * Opens it inside {@code namespace}, or on the host's loopback when null, and returns its
     * address ({@code AWS_LAMBDA_RUNTIME_API}).
     */
    String open(NetNamespace namespace) throws IOException;

    /** Takes a listener opened ahead of time and returns its address. */
    String claim(RuntimeEndpoint.Reservation reservation);
  }

  /**
   * The Runtime API endpoints sandboxes will be given: a launcher that makes sandboxes ahead of
   * time may open their listeners ahead of time too ({@link RuntimeEndpoint.Factory#reserve}).
   */
  default void reserveWith(RuntimeEndpoint.Factory endpoints) {}

  /**
   * Starts the entrypoint of {@code spec}, whose environment lacks {@code AWS_LAMBDA_RUNTIME_API}:
   * the launcher opens the listener through {@code endpoints} where the runtime can reach it
   * (inside the sandbox's network namespace when it has one) and gives the runtime its address.
   */
  default LaunchedProcess launch(LaunchSpec spec, Endpoints endpoints) throws IOException {
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
    env.put("AWS_LAMBDA_RUNTIME_API", endpoints.open(null));
    return launch(new LaunchSpec(spec.sandbox(), spec.scratch(), env));
  }

  /** The path the runtime sees its code at ({@code /var/task} when isolated). */
  String taskRoot(LaunchSpec spec);
}
