package dev.outlet.sandbox;

import java.util.concurrent.CompletableFuture;

/** A running runtime process, as its launcher started it. Thread-safe. */
public interface LaunchedProcess {

  long pid();

  /** The merged stdout and stderr. Read by exactly one log pump. */
  OutputPipe output();

  /** Completes with the exit code (128 + N for death by signal N) when the process has ended. */
  CompletableFuture<Integer> onExit();

  /** Kills the process and every process it started. Idempotent; does not wait. */
  void kill();

  /** The peak memory of the sandbox since the last {@link #resetPeak}, in bytes; 0 if unknown. */
  long peakMemoryBytes();

  /** Starts a new peak-memory measurement, where the platform allows. */
  void resetPeak();

  /** Whether the kernel killed it for exceeding its memory limit (known once it has exited). */
  /** The runtime finished its init (its first {@code /next}): limits leave their init burst. */
  default void initDone() {}

  /**
   * Lets the runtime start, in a launch that started the function's extensions first and waits for
   * them to register. Once; nothing for other launches.
   */
  default void releaseRuntime() {}

  /** The sandbox's own network namespace, or null when it shares Outlet's. */
  default NetNamespace namespace() {
    return null;
  }

  default boolean oomKilled() {
    return false;
  }

  /** A line for the function's log about how it runs (e.g. emulated), or null. */
  default String notice() {
    return null;
  }
}
