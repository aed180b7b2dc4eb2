package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's schedule gate on a real PostgreSQL, each gate a node with its own pool: one node
 * leads and fires, each tick once, and another takes the lead when it stops.
 */
class PgScheduleGateTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private static final Instant DUE = Instant.parse("2026-12-06T10:00:00Z");
  private String url;

  @BeforeEach
  void database() throws Exception {
    url = server.newDatabase();
  }

  private PgScheduleGate node() {
    return server.closeAfter(PgScheduleGate.start(server.pool(url, 2), "outlet_us_east_1"));
  }

  @Test
  void theLeaderFiresEachTickOnceAndAnotherNodeFiresAfterItStops() {
    List<PgScheduleGate> nodes = List.of(node(), node(), node());
    Waits.until(
        () -> nodes.stream().filter(PgScheduleGate::leads).count() == 1, Duration.ofSeconds(10));
    PgScheduleGate leader = nodes.stream().filter(PgScheduleGate::leads).findFirst().orElseThrow();
    for (PgScheduleGate n : nodes) {
      if (n != leader) {
        assertThat(n.fire("rule/r", DUE)).as("a node that does not lead").isFalse();
      }
    }
    assertThat(leader.fire("rule/r", DUE)).isTrue();
    assertThat(leader.fire("rule/r", DUE)).as("a tick fires once").isFalse();
    assertThat(leader.fire("rule/other", DUE)).isTrue();

    leader.close();
    Waits.until(
        () -> nodes.stream().filter(n -> n != leader).anyMatch(PgScheduleGate::leads),
        Duration.ofSeconds(10));
    PgScheduleGate next = nodes.stream().filter(PgScheduleGate::leads).findFirst().orElseThrow();
    assertThat(next.fire("rule/r", DUE)).as("fired by the previous leader").isFalse();
    assertThat(next.fire("rule/r", DUE.plusSeconds(60))).isTrue();
  }

  @Test
  void theClustersRegionsAreTheSchemasWithSchedules() {
    for (String schema : List.of("outlet_us_east_1", "outlet_eu_west_1")) {
      PgDatabase db = server.closeAfter(PgDatabase.open(PostgresUrl.parse(url), 1, schema));
      server.closeAfter(PgScheduleGate.start(db, schema));
    }
    PgDatabase cluster =
        server.closeAfter(PgDatabase.open(PostgresUrl.parse(url), 1, "outlet_cluster"));
    PgNodeRegistry.open(cluster);
    assertThat(PgStores.regions(cluster)).containsExactly("eu-west-1", "us-east-1");
    assertThat(PgScheduleGate.role(PgStores.schemaOf("eu-west-1")))
        .isEqualTo("schedules:outlet_eu_west_1");
  }
}
