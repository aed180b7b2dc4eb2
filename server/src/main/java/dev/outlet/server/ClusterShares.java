package dev.outlet.server;

import dev.outlet.api.ProvisionedShares;
import dev.outlet.core.NodeRegistry;
import dev.outlet.core.ProvisionedSpread;
import java.time.InstantSource;

/**
 * A region's part of the cluster's provisioned concurrency, read from the nodes' last beats: this
 * node's share of each configuration ({@link ProvisionedSpread}: none before its first beat, so a
 * node that starts does not provision everything for a moment), and the environments the other
 * nodes have ready, which the API counts as allocated.
 */
final class ClusterShares implements ProvisionedShares {
  private final ClusterView view;
  private final String prefix;
  private final InstantSource clock;

  /**
   * @param prefix how the region's functions are named in the beats ({@code ""} for the default
   *     region, else {@code "region/"})
   */
  ClusterShares(ClusterView view, String prefix, InstantSource clock) {
    this.view = view;
    this.prefix = prefix;
    this.clock = clock;
  }

  @Override
  public int here(String function, String version, int requested) {
    ClusterView.Snapshot s = view.snapshot();
    return ProvisionedSpread.share(
        requested, prefix + function + ":" + version, s.self(), s.nodes(), clock.instant());
  }

  @Override
  public int elsewhere(String function, String version) {
    ClusterView.Snapshot s = view.snapshot();
    String key = prefix + function + ":" + version;
    int ready = 0;
    for (NodeRegistry.Node n : s.nodes()) {
      if (!n.id().equals(s.self()) && n.state() != NodeRegistry.State.DOWN) {
        ready += n.load().provisioned().getOrDefault(key, 0);
      }
    }
    return ready;
  }
}
