package dev.outlet.api;

import dev.outlet.invoke.ProvisionProgress;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.sandbox.SandboxSpec;
import java.util.Map;

/**
 * What keeps provisioned sandboxes initialized ahead of invocations. The control plane says, per
 * function, how many sandboxes of which spec it wants; the provisioner converges and reports
 * progress per spec key.
 */
public interface Provisioner {
  /**
   * From now on {@code function} has exactly these provisioned sandboxes (spec → count); specs it
   * had before and no longer names are released.
   */
  void provision(String function, Map<SandboxSpec, Integer> wanted);

  ProvisionProgress progress(String specKey);

  /** Keeps nothing initialized ahead of time: configurations are stored, not acted on. */
  Provisioner NONE =
      new Provisioner() {
        @Override
        public void provision(String function, Map<SandboxSpec, Integer> wanted) {}

        @Override
        public ProvisionProgress progress(String specKey) {
          return new ProvisionProgress(0, null);
        }
      };

  /** The sandbox pool's provisioned sandboxes. */
  static Provisioner of(SandboxPool pool) {
    return new Provisioner() {
      @Override
      public void provision(String function, Map<SandboxSpec, Integer> wanted) {
        pool.provision(function, wanted);
      }

      @Override
      public ProvisionProgress progress(String specKey) {
        return pool.provisionProgress(specKey);
      }
    };
  }
}
