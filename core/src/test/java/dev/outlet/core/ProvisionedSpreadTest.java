package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.NodeRegistry.Node;
import dev.outlet.core.NodeRegistry.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How provisioned concurrency is shared among a cluster's nodes: pure, over made-up beats. */
class ProvisionedSpreadTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static Node node(String id, State state, Instant beat) {
    return new Node(
        id, "127.0.0.1:1", 1000, state, NOW.minusSeconds(60), beat, NodeRegistry.Load.NONE);
  }

  private static List<Node> active(int n) {
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(node("node-" + i, State.ACTIVE, NOW.minusSeconds(1)));
    }
    return out;
  }

  @Test
  void thePartsAddUpToWhatWasAskedAndDifferByAtMostOne() {
    for (int nodes = 1; nodes <= 7; nodes++) {
      List<Node> cluster = active(nodes);
      for (int requested = 0; requested <= 25; requested++) {
        for (String key : List.of("f:1", "g:2", "orders:7", "eu-west-1/f:3")) {
          int sum = 0;
          int min = Integer.MAX_VALUE;
          int max = 0;
          for (Node n : cluster) {
            int part = ProvisionedSpread.share(requested, key, n.id(), cluster, NOW);
            sum += part;
            min = Math.min(min, part);
            max = Math.max(max, part);
          }
          assertThat(sum).as("%d over %d nodes, %s", requested, nodes, key).isEqualTo(requested);
          assertThat(max - min).isLessThanOrEqualTo(1);
        }
      }
    }
  }

  @Test
  void theRemainderDoesNotAlwaysGoToTheSameNode() {
    List<Node> cluster = active(3);
    java.util.Set<String> takers = new java.util.HashSet<>();
    for (int v = 1; v <= 30; v++) {
      for (Node n : cluster) {
        if (ProvisionedSpread.share(1, "f:" + v, n.id(), cluster, NOW) == 1) {
          takers.add(n.id());
        }
      }
    }
    assertThat(takers).hasSize(3);
  }

  @Test
  void onlyActiveNodesWithAFreshBeatTakeAPartAndANodeNotInTheBeatTakesNone() {
    List<Node> cluster =
        List.of(
            node("a", State.ACTIVE, NOW.minusSeconds(1)),
            node("draining", State.DRAINING, NOW),
            node("down", State.DOWN, NOW),
            node("stale", State.ACTIVE, NOW.minus(Placement.FRESH).minusMillis(1)));
    assertThat(ProvisionedSpread.share(5, "f:1", "a", cluster, NOW)).isEqualTo(5);
    for (String other : List.of("draining", "down", "stale", "not-yet-beating")) {
      assertThat(ProvisionedSpread.share(5, "f:1", other, cluster, NOW)).as(other).isZero();
    }
  }
}
