package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leadership by advisory lock on a real PostgreSQL: each candidate a node with its own pool. */
class PgLeaderTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private final List<AutoCloseable> open = new ArrayList<>();
  private String url;

  @BeforeEach
  void database() throws Exception {
    url = server.newDatabase();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private PgLeader candidate(String role) {
    PgDatabase db = PgDatabase.open(PostgresUrl.parse(url), 1);
    open.add(db);
    PgLeader leader = PgLeader.start(db, role, INTERVAL);
    open.add(leader);
    return leader;
  }

  @Test
  void ofThreeCandidatesOneLeadsAndAnotherTakesOverWhenItStops() throws Exception {
    List<PgLeader> nodes =
        List.of(candidate("schedules"), candidate("schedules"), candidate("schedules"));
    await(() -> leaders(nodes) == 1, Duration.ofSeconds(5));
    Thread.sleep(500);
    assertThat(leaders(nodes)).as("still exactly one").isEqualTo(1);

    PgLeader first = nodes.stream().filter(PgLeader::leads).findFirst().orElseThrow();
    first.close();
    await(
        () -> nodes.stream().filter(n -> n != first).anyMatch(PgLeader::leads),
        Duration.ofSeconds(5));
    assertThat(leaders(nodes)).isEqualTo(1);
  }

  @Test
  void aLeaderWhoseSessionIsKilledStopsLeadingAndIsReplaced() throws Exception {
    PgLeader a = candidate("schedules");
    await(a::leads, Duration.ofSeconds(5));
    PgLeader b = candidate("schedules");
    Thread.sleep(300);
    assertThat(b.leads()).isFalse();

    PostgresUrl address = PostgresUrl.parse(url);
    try (Connection admin = DriverManager.getConnection(address.jdbcUrl(), address.user(), "");
        Statement s = admin.createStatement()) {
      // end the session holding the lock, as a lost connection or a dead node does
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
              + " AND granted");
    }
    await(() -> b.leads() && !a.leads(), Duration.ofSeconds(5));
  }

  @Test
  void rolesAreLedIndependently() {
    PgLeader schedules = candidate("schedules");
    PgLeader reaper = candidate("reaper");
    await(() -> schedules.leads() && reaper.leads(), Duration.ofSeconds(5));
    assertThat(PgLeader.key("schedules")).isNotEqualTo(PgLeader.key("reaper"));
  }

  private static long leaders(List<PgLeader> nodes) {
    return nodes.stream().filter(PgLeader::leads).count();
  }

  private static void await(BooleanSupplier done, Duration within) {
    long until = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within " + within).isLessThan(until);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
