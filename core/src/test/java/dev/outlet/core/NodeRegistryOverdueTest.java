package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.NodeRegistry.Node;
import dev.outlet.core.NodeRegistry.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRegistryOverdueTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private static Node node(String id, State state, int beatSecondsAgo) {
    return new Node(
        id,
        "h:1",
        1,
        state,
        T0.minusSeconds(600),
        T0.minusSeconds(beatSecondsAgo),
        NodeRegistry.Load.NONE);
  }

  @Test
  void onlyOthersActiveOrDrainingWhoseBeatIsOlderThanTheTimeoutAreOverdue() {
    List<Node> nodes =
        List.of(
            node("self", State.ACTIVE, 60),
            node("fresh", State.ACTIVE, 10),
            node("edge", State.ACTIVE, 10),
            node("late", State.ACTIVE, 11),
            node("draining", State.DRAINING, 30),
            node("down", State.DOWN, 300));
    assertThat(NodeRegistry.overdue(nodes, "self", T0, Duration.ofSeconds(10)))
        .extracting(Node::id)
        .containsExactly("late", "draining");
  }

  @Test
  void onlyNodesDownForLongerThanTheDelayAreForgotten() {
    List<Node> nodes =
        List.of(
            node("active-old", State.ACTIVE, 3600),
            node("draining-old", State.DRAINING, 3600),
            node("down-recent", State.DOWN, 600),
            node("down-old", State.DOWN, 601));
    assertThat(NodeRegistry.forgettable(nodes, T0, Duration.ofSeconds(600)))
        .extracting(Node::id)
        .containsExactly("down-old");
  }
}
