package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leadership by advisory lock on a real PostgreSQL: each candidate a node with its own pool. */
class PgLeaderTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private String url;

  @BeforeEach
  void database() throws Exception {
    url = server.newDatabase();
  }

  private PgLeader candidate(String role) {
    return server.closeAfter(PgLeader.start(server.pool(url, 1), role, INTERVAL));
  }

  @Test
  void ofThreeCandidatesOneLeadsAndAnotherTakesOverWhenItStops() throws Exception {
    List<PgLeader> nodes =
        List.of(candidate("schedules"), candidate("schedules"), candidate("schedules"));
    Waits.until(() -> leaders(nodes) == 1, Duration.ofSeconds(5));
    Thread.sleep(500);
    assertThat(leaders(nodes)).as("still exactly one").isEqualTo(1);

    PgLeader first = nodes.stream().filter(PgLeader::leads).findFirst().orElseThrow();
    first.close();
    Waits.until(
        () -> nodes.stream().filter(n -> n != first).anyMatch(PgLeader::leads),
        Duration.ofSeconds(5));
    assertThat(leaders(nodes)).isEqualTo(1);
  }

  @Test
  void aLeaderWhoseSessionIsKilledStopsLeadingAndIsReplaced() throws Exception {
    PgLeader a = candidate("schedules");
    Waits.until(a::leads, Duration.ofSeconds(5));
    PgLeader b = candidate("schedules");
    Thread.sleep(300);
    assertThat(b.leads()).isFalse();

    try (Connection admin = PostgresServer.admin(url);
        Statement s = admin.createStatement()) {
      // end the session holding the lock, as a lost connection or a dead node does
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
              + " AND granted");
    }
    Waits.until(() -> b.leads() && !a.leads(), Duration.ofSeconds(5));
  }

  @Test
  void rolesAreLedIndependently() {
    PgLeader schedules = candidate("schedules");
    PgLeader reaper = candidate("reaper");
    Waits.until(() -> schedules.leads() && reaper.leads(), Duration.ofSeconds(5));
    assertThat(PgLeader.key("schedules")).isNotEqualTo(PgLeader.key("reaper"));
  }

  private static long leaders(List<PgLeader> nodes) {
    return nodes.stream().filter(PgLeader::leads).count();
  }
}
