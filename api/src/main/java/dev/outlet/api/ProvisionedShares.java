package dev.outlet.api;

/**
 * Which part of a function version's provisioned concurrency this process keeps, and how many of
 * its environments the others have ready: on one machine all of it and none; in a cluster, the
 * node's share ({@link dev.outlet.core.ProvisionedSpread}) and the others' last beats.
 */
public interface ProvisionedShares {
  /** One machine: it keeps every environment asked for. */
  ProvisionedShares ALONE =
      new ProvisionedShares() {
        @Override
        public int here(String function, String version, int requested) {
          return requested;
        }

        @Override
        public int elsewhere(String function, String version) {
          return 0;
        }
      };

  /** How many of the {@code requested} environments of {@code function:version} it keeps. */
  int here(String function, String version, int requested);

  /** How many environments of {@code function:version} the other processes have ready. */
  int elsewhere(String function, String version);
}
