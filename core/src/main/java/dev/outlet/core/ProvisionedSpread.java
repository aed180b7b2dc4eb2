package dev.outlet.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a cluster's nodes share a provisioned concurrency configuration: each node that can run
 * invocations ({@link NodeRegistry.State#ACTIVE}, beat within {@link Placement#FRESH}) keeps an
 * equal part, the remainder going one each to the nodes that follow a place drawn from the
 * configuration's key, so that one node does not take every function's remainder. The parts add up
 * to what was asked. Pure: the nodes and the time come from the caller.
 */
public final class ProvisionedSpread {
  private ProvisionedSpread() {}

  /**
   * The part of {@code requested} environments of {@code key} ({@code name:version}) that node
   * {@code self} keeps, given the nodes of the last beat; 0 for a node that is not one of them.
   */
  public static int share(
      int requested, String key, String self, List<NodeRegistry.Node> nodes, Instant now) {
    List<String> ids =
        nodes.stream().filter(n -> eligible(n, now)).map(NodeRegistry.Node::id).sorted().toList();
    int at = ids.indexOf(self);
    if (at < 0 || requested <= 0) {
      return 0;
    }
    int k = ids.size();
    int start = Math.floorMod(key.hashCode(), k);
    return requested / k + (Math.floorMod(at - start, k) < requested % k ? 1 : 0);
  }

  /** Whether a node takes part of the configurations. */
  public static boolean eligible(NodeRegistry.Node n, Instant now) {
    return n.state() == NodeRegistry.State.ACTIVE && !n.heartbeat().plus(FRESH).isBefore(now);
  }

  private static final Duration FRESH = Placement.FRESH;
}
