package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.NodeRegistry.Load;
import dev.outlet.core.NodeRegistry.Node;
import dev.outlet.core.NodeRegistry.State;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

  private static Node node(
      String id,
      State state,
      Instant beat,
      int running,
      Map<String, Integer> warm,
      Map<String, Integer> idle) {
    return new Node(
        id, id + ":9071", 100, state, NOW.minusSeconds(60), beat, new Load(running, warm, idle));
  }

  private static Node active(
      String id, int running, Map<String, Integer> warm, Map<String, Integer> idle) {
    return node(id, State.ACTIVE, NOW.minusSeconds(1), running, warm, idle);
  }

  private static Placement.Self self(int idle, int live, int running) {
    return new Placement.Self("me", idle, live, running, 100);
  }

  private static Placement.Choice place(Placement.Self self, List<Node> nodes) {
    return Placement.place("fn", "3", self, nodes, Placement.Sent.NONE, NOW);
  }

  @Test
  void anIdleSandboxHereWinsOverEverything() {
    Node b = active("b", 0, Map.of("fn", 5), Map.of("fn:3", 5));
    assertThat(place(self(1, 1, 50), List.of(b))).isEqualTo(Placement.Here.HERE);
  }

  @Test
  void aNodeWithAnIdleSandboxOfTheVersionIsChosenOverOneWithMoreOfAnotherVersion() {
    Node b = active("b", 0, Map.of("fn", 4), Map.of("fn:2", 4));
    Node c = active("c", 3, Map.of("fn", 1), Map.of("fn:3", 1));
    assertThat(place(self(0, 0, 0), List.of(b, c)))
        .isEqualTo(new Placement.There(c, Placement.Reason.IDLE));
  }

  @Test
  void busySandboxesHereKeepTheFunctionHereWhenNoNodeHasAnIdleOne() {
    Node b = active("b", 0, Map.of("fn", 2), Map.of());
    assertThat(place(self(0, 2, 2), List.of(b))).isEqualTo(Placement.Here.HERE);
  }

  @Test
  void aNodeWhereTheFunctionIsWarmTakesItWhenThisNodeHasNone() {
    Node b = active("b", 1, Map.of("fn", 1), Map.of());
    Node c = active("c", 0, Map.of(), Map.of());
    assertThat(place(self(0, 0, 0), List.of(b, c)))
        .isEqualTo(new Placement.There(b, Placement.Reason.WARM));
  }

  @Test
  void whatThisNodeAlreadySentCountsAgainstANodesSandboxes() {
    Node b = active("b", 0, Map.of("fn", 1), Map.of("fn:3", 1));
    Map<String, Integer> sent = new HashMap<>();
    Placement.Sent counts =
        new Placement.Sent() {
          @Override
          public int to(String node) {
            return sent.getOrDefault(node, 0);
          }

          @Override
          public int to(String node, String function) {
            return sent.getOrDefault(node + "/" + function, 0);
          }
        };
    Placement.Self me = self(0, 0, 0);
    assertThat(Placement.place("fn", "3", me, List.of(b), counts, NOW))
        .isEqualTo(new Placement.There(b, Placement.Reason.IDLE));
    sent.put("b", 1);
    sent.put("b/fn", 1);
    // its one sandbox is taken by what this node sent: b is no better than here (ties stay here)
    assertThat(Placement.place("fn", "3", me, List.of(b), counts, NOW))
        .isEqualTo(Placement.Here.HERE);
  }

  @Test
  void withNoSandboxAnywhereTheLeastLoadedNodeRunsItAndThisNodeWinsTies() {
    Node b = active("b", 30, Map.of(), Map.of());
    Node c = active("c", 10, Map.of(), Map.of());
    assertThat(place(self(0, 0, 20), List.of(b, c)))
        .isEqualTo(new Placement.There(c, Placement.Reason.LEAST_LOADED));
    assertThat(place(self(0, 0, 10), List.of(b, c))).isEqualTo(Placement.Here.HERE);
    assertThat(place(self(0, 0, 0), List.of(b, c))).isEqualTo(Placement.Here.HERE);
  }

  @Test
  void drainingDownStaleFullOrSelfNodesAreNeverChosen() {
    Map<String, Integer> warm = Map.of("fn", 3);
    Map<String, Integer> idle = Map.of("fn:3", 3);
    List<Node> nodes =
        List.of(
            node("draining", State.DRAINING, NOW, 0, warm, idle),
            node("down", State.DOWN, NOW, 0, warm, idle),
            node("stale", State.ACTIVE, NOW.minus(Placement.FRESH).minusMillis(1), 0, warm, idle),
            node("full", State.ACTIVE, NOW, 100, warm, idle),
            node("me", State.ACTIVE, NOW, 0, warm, idle));
    assertThat(place(self(0, 0, 90), nodes)).isEqualTo(Placement.Here.HERE);
  }
}
