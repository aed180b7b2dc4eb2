package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.NodeRegistry;
import dev.outlet.core.NodeRegistry.Load;
import dev.outlet.core.NodeRegistry.Node;
import dev.outlet.core.NodeRegistry.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node registry on a real PostgreSQL, each {@link #node} its own pool as a node has. */
class PgNodeRegistryTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private String url;

  @BeforeEach
  void database() throws Exception {
    url = server.newDatabase();
  }

  private NodeRegistry node() {
    PgDatabase db = server.pool(url, 2);
    return PgNodeRegistry.open(db);
  }

  @Test
  void nodesJoinBeatAndDrain() {
    NodeRegistry a = node();
    a.join("a", "127.0.0.1:9170", 1000, T0);
    node().join("b", "127.0.0.1:9171", 500, T0.plusSeconds(1));
    assertThat(a.heartbeat("a", T0.plusSeconds(5), Load.NONE)).isTrue();
    assertThat(a.heartbeat("a", T0.plusSeconds(4), Load.NONE)).as("a late beat").isTrue();
    assertThat(a.transition("b", State.ACTIVE, State.DRAINING)).isTrue();
    assertThat(a.transition("b", State.ACTIVE, State.DRAINING)).isFalse();
    assertThat(a.nodes())
        .containsExactly(
            new Node("a", "127.0.0.1:9170", 1000, State.ACTIVE, T0, T0.plusSeconds(5), Load.NONE),
            new Node(
                "b",
                "127.0.0.1:9171",
                500,
                State.DRAINING,
                T0.plusSeconds(1),
                T0.plusSeconds(1),
                Load.NONE));
  }

  @Test
  void theNodeWhoseSessionHoldsALeadIsItsLeaderAndNoneOnceItLetsGo() {
    PgDatabase db = server.pool(url, 2);
    PgNodeRegistry r = PgNodeRegistry.open(db);
    r.join("leading", "127.0.0.1:9170", 10, T0);
    node().join("other", "127.0.0.1:9171", 10, T0);
    assertThat(r.leader("schedules:outlet_us_east_1")).isEmpty();
    PgLeader leader = PgLeader.start(db, "schedules:outlet_us_east_1", Duration.ofMillis(100));
    try {
      org.awaitility.Awaitility.await()
          .atMost(TIMEOUT)
          .until(() -> r.leader("schedules:outlet_us_east_1").orElse("").equals("leading"));
      assertThat(r.leader("schedules:outlet_eu_west_1")).as("another region's lead").isEmpty();
    } finally {
      leader.close();
    }
    org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> r.leader("schedules:outlet_us_east_1").isEmpty());
  }

  @Test
  void aBeatCarriesTheNodesLoad() {
    NodeRegistry r = node();
    r.join("a", "127.0.0.1:9170", 1000, T0);
    assertThat(r.nodes().getFirst().load()).isEqualTo(Load.NONE);
    Load load =
        new Load(
            3,
            java.util.Map.of("greeter", 2, "slow", 1),
            java.util.Map.of("greeter:$LATEST", 1),
            java.util.Map.of("greeter:4", 2));
    r.heartbeat("a", T0.plusSeconds(2), load);
    assertThat(node().nodes().getFirst().load()).isEqualTo(load);
    assertThat(load.warmTotal()).isEqualTo(3);
  }

  @Test
  void anOverdueNodeIsMarkedDownOnceByManyDecidersAndItsNextBeatIsRefused() throws Exception {
    NodeRegistry b = node();
    b.join("dead", "127.0.0.1:1", 10, T0);
    for (String id : List.of("n1", "n2", "n3")) {
      b.join(id, "127.0.0.1:2", 10, T0);
    }
    Instant now = T0.plusSeconds(11);
    for (String id : List.of("n1", "n2", "n3")) {
      b.heartbeat(id, now, Load.NONE);
    }
    List<Callable<Integer>> deciders = new ArrayList<>();
    for (String self : List.of("n1", "n2", "n3")) {
      NodeRegistry mine = node();
      deciders.add(
          () -> {
            int marked = 0;
            for (Node n : NodeRegistry.overdue(mine.nodes(), self, now, TIMEOUT)) {
              marked += mine.markDown(n.id(), n.heartbeat()) ? 1 : 0;
            }
            return marked;
          });
    }
    int marked = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      for (Future<Integer> f : pool.invokeAll(deciders)) {
        marked += f.get();
      }
    }
    assertThat(marked).as("one decider marks it").isEqualTo(1);
    assertThat(b.nodes())
        .filteredOn(n -> n.state() == State.DOWN)
        .extracting(Node::id)
        .containsExactly("dead");
    assertThat(b.heartbeat("dead", now, Load.NONE)).as("a node marked down must rejoin").isFalse();
    b.forget("dead");
    assertThat(b.nodes()).extracting(Node::id).containsExactly("n1", "n2", "n3");
  }

  @Test
  void aBeatThatArrivesBeforeTheVerdictWins() {
    NodeRegistry r = node();
    r.join("slow", "127.0.0.1:1", 10, T0);
    Node seen = r.nodes().getFirst();
    r.heartbeat("slow", T0.plusSeconds(12), Load.NONE); // it was only slow
    assertThat(r.markDown("slow", seen.heartbeat())).isFalse();
    assertThat(r.nodes().getFirst().state()).isEqualTo(State.ACTIVE);
  }
}
