package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.MetricsDatabase;
import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.LambdaMetric;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.metrics.MinuteStoreContract;
import dev.outlet.metrics.SeriesKey;
import dev.outlet.postgres.PgMetricsDatabase;
import dev.outlet.postgres.PostgresServer;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.postgres.Waits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The minute store's contract on a real PostgreSQL, and what a cluster adds: two nodes' stores on
 * one schema each read the sum of both, and a store outlives the database's restart.
 */
class PgMinuteStoreTest extends MinuteStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;
  private PgMetricsDatabase database;

  @Override
  protected void freshDatabase() throws Exception {
    url = server.newDatabase();
    database = node();
  }

  @Override
  protected MetricsDatabase database() {
    return database;
  }

  /** Another node's view of the same schema (its rows under a name of its own). */
  private PgMetricsDatabase node() {
    return PgMetricsDatabase.open(PostgresUrl.parse(url), "outlet_us_east_1");
  }

  private MinuteStore open(MetricsDatabase db) {
    return server.closeAfter(MinuteStore.open(db, clock, Map::of, MinuteStore.Options.defaults()));
  }

  @Test
  void eachNodeReadsTheSumOfEveryNodesMinutes() {
    MinuteStore a = open(database);
    MinuteStore b = open(node());
    for (int i = 1; i <= 50; i++) {
      invoked(a, "f", i, T0.toEpochMilli() + i);
      invoked(b, "f", 100 + i, T0.toEpochMilli() + i);
    }
    invoked(b, "g", 7, T0.toEpochMilli());
    a.flush();
    b.flush();
    invoked(a, "f", 1_000, T0.toEpochMilli() + 5); // a's open minute: a sees it, b not yet

    Aggregate onB = durations(b, "f").get(M0);
    assertThat(onB.sampleCount()).isEqualTo(100);
    assertThat(onB.sum()).isEqualTo(1275 + 6275);
    assertThat(onB.minimum()).isEqualTo(1);
    assertThat(onB.maximum()).isEqualTo(150);
    assertThat(onB.percentile(0.5)).as("the median of both nodes' samples").isBetween(49.0, 102.0);
    assertThat(durations(a, "f").get(M0).sampleCount()).isEqualTo(101);
    Map<String, Aggregate> invocations =
        b.byFunction(LambdaMetric.INVOCATIONS, M0, M0 + 1, false).join();
    assertThat(invocations.get("f").sum()).isEqualTo(100);
    assertThat(invocations.get("g").sum()).isEqualTo(1);
    assertThat(b.readHours("f", "", LambdaMetric.DURATION, M0 / 60, M0 / 60 + 1).join())
        .hasEntrySatisfying(M0 / 60, h -> assertThat(h.sampleCount()).isEqualTo(100));
    assertThat(b.series(M0).join()).contains(new SeriesKey("f", "", LambdaMetric.DURATION, M0));
  }

  @Test
  void storesAgainAfterTheDatabaseRestarts() throws Exception {
    MinuteStore store = open(database);
    invoked(store, "f", 4, T0.toEpochMilli());
    store.flush();

    server.crashAndRestart();
    // what is merged while the connection is being replaced is lost (and logged)
    Waits.until(
        () -> {
          invoked(store, "f", 4, T0.toEpochMilli());
          store.flush();
          try {
            return durations(store, "f").get(M0).sampleCount() >= 2;
          } catch (RuntimeException queryOnABrokenConnection) {
            return false;
          }
        },
        Duration.ofSeconds(30));
  }
}
