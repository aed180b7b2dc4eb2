package dev.outlet.api;

import dev.outlet.sandbox.SandboxSpec;
import java.util.Map;

/**
 * What keeps provisioned sandboxes initialized ahead of invocations (the sandbox pool). The control
 * plane says, per function, how many sandboxes of which spec it wants; the provisioner converges
 * and reports progress.
 */
public interface Provisioner {
  /**
   * Progress of one spec's provisioned sandboxes: how many are initialized, and why not, if not.
   */
  record Progress(int ready, String failure) {}

  /**
   * From now on {@code function} has exactly these provisioned sandboxes (spec → count); specs it
   * had before and no longer names are released.
   */
  void provision(String function, Map<SandboxSpec, Integer> wanted);

  Progress progress(SandboxSpec spec);

  /**
   * Keeps nothing initialized ahead of time: provisioned configurations are stored, not acted on.
   */
  Provisioner NONE =
      new Provisioner() {
        @Override
        public void provision(String function, Map<SandboxSpec, Integer> wanted) {}

        @Override
        public Progress progress(SandboxSpec spec) {
          return new Progress(0, null);
        }
      };
}
