package dev.outlet.api;

import dev.outlet.sandbox.SandboxSpec;
import java.util.concurrent.CompletableFuture;

/**
 * What publishing a version with SnapStart does ahead of the version's first invoke: initialize it
 * once in a sandbox of its own and keep what serves its cold starts (a Java function's class-data
 * cache). Outlet has no snapshots of running sandboxes; nothing is restored.
 */
@FunctionalInterface
public interface SnapStartInit {
  /** Nothing ahead of time: cold starts go as for any version. */
  SnapStartInit NONE = spec -> CompletableFuture.completedFuture(false);

  /**
   * Starts the ahead-of-time init of {@code spec}; returns at once. The future completes when it
   * has ended, with whether it left something for cold starts to use.
   */
  CompletableFuture<Boolean> initialize(SandboxSpec spec);
}
