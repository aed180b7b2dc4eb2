package dev.outlet.core;

import java.nio.file.Path;

/**
 * Decides what serves a function's runtime on this host and how its sandboxes start it.
 * Thread-safe; pure once built (what the host has was probed when it was made).
 */
public interface RuntimePlanner {

  /**
   * Refuses, at create or update time, a runtime nothing on this host can run.
   *
   * @throws LambdaException InvalidParameterValueException naming what to install
   */
  void check(String runtime);

  /**
   * The launch of a function whose package was accepted.
   *
   * @param codeRoot the extracted package
   * @param entrypoint what the package inspection found
   */
  LaunchPlan plan(FunctionConfig config, Path codeRoot, Entrypoint entrypoint);

  /**
   * The launch of a function whose package was accepted, with its merged layers at {@code opt} (or
   * null): a layer's bootstrap runs as {@code /opt/bootstrap}.
   */
  default LaunchPlan plan(FunctionConfig config, Path codeRoot, Path opt, Entrypoint entrypoint) {
    return plan(config, codeRoot, entrypoint);
  }

  /**
   * Forgets what only plans outside {@code live} use (their startup caches), after the functions
   * changed. Blocking.
   */
  default void retain(java.util.Collection<LaunchPlan> live) {}
}
