package dev.outlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics store's hourly rollup (schema 2): every stored minute also counts in its hour, an
 * open minute is read in its hour before it is stored, per-function totals are summed in SQL at
 * either grain, a schema-1 file is rolled up when it is opened, and hours go with their minutes.
 */
class HourlyRollupTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final long M0 = T0.toEpochMilli() / 60_000;
  private static final long H0 = M0 / 60;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);

  private MinuteStore open() {
    return MinuteStore.open(dir, clock, Map::of, MinuteStore.Options.defaults());
  }

  private static void invoke(MinuteStore store, String fn, double ms, long at) {
    store.offer(new MetricEvent.Invoked(Samples.warm(fn, ms, at)));
  }

  @Test
  void anHourHoldsItsMinutesStoredAndOpen() {
    try (MinuteStore store = open()) {
      invoke(store, "f", 4, T0.toEpochMilli());
      invoke(store, "f", 8, T0.toEpochMilli() + 59 * 60_000);
      invoke(store, "f", 100, T0.toEpochMilli() + 60 * 60_000); // the next hour
      store.flush();
      invoke(store, "f", 6, T0.toEpochMilli() + 30 * 60_000); // open, not yet stored
      NavigableMap<Long, Aggregate> hours =
          store.readHours("f", "", LambdaMetric.DURATION, H0, H0 + 2).join();
      assertThat(hours.keySet()).containsExactly(H0, H0 + 1);
      assertThat(hours.get(H0).sampleCount()).isEqualTo(3);
      assertThat(hours.get(H0).sum()).isEqualTo(18);
      assertThat(hours.get(H0).maximum()).isEqualTo(8);
      assertThat(hours.get(H0).percentile(0.5)).isBetween(5.9, 6.1);
      assertThat(hours.get(H0 + 1).sum()).isEqualTo(100);
      // the account's series rolls up too
      assertThat(store.readHours("", "", LambdaMetric.INVOCATIONS, H0, H0 + 1).join().get(H0).sum())
          .isEqualTo(3);
    }
  }

  @Test
  void perFunctionTotalsAreTheSameAtBothGrains() {
    try (MinuteStore store = open()) {
      for (int i = 0; i < 90; i++) {
        invoke(store, "a", 2, T0.toEpochMilli() + i * 60_000L);
        if (i % 3 == 0) {
          invoke(store, "b", 10, T0.toEpochMilli() + i * 60_000L);
        }
      }
      store.flush();
      invoke(store, "b", 10, T0.toEpochMilli()); // open
      Map<String, Aggregate> minutes =
          store.byFunction(LambdaMetric.INVOCATIONS, M0, M0 + 120, false).join();
      Map<String, Aggregate> hours =
          store.byFunction(LambdaMetric.INVOCATIONS, H0, H0 + 2, true).join();
      assertThat(minutes.get("a").sum()).isEqualTo(90).isEqualTo(hours.get("a").sum());
      assertThat(minutes.get("b").sum()).isEqualTo(31).isEqualTo(hours.get("b").sum());
      assertThat(minutes).doesNotContainKey(""); // the account's series is not a function
      Map<String, Aggregate> durations =
          store.byFunction(LambdaMetric.DURATION, H0, H0 + 2, true).join();
      assertThat(durations.get("b").average()).isEqualTo(10);
    }
  }

  @Test
  void aSchemaOneFileIsRolledUpWhenOpened() throws Exception {
    Path file = dir.resolve("metrics.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE minutes(function TEXT NOT NULL, version TEXT NOT NULL, metric TEXT NOT"
              + " NULL, minute INTEGER NOT NULL, samples INTEGER NOT NULL, sum REAL NOT NULL, min"
              + " REAL NOT NULL, max REAL NOT NULL, sketch BLOB NOT NULL, PRIMARY KEY(function,"
              + " version, metric, minute)) WITHOUT ROWID");
      s.execute("CREATE INDEX minutes_by_minute ON minutes(minute)");
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO minutes VALUES ('f', '', 'Duration', ?, 1, ?, ?, ?, ?)")) {
        for (int i = 0; i < 3; i++) {
          Sketch sk = new Sketch();
          sk.add(10 * (i + 1));
          p.setLong(1, M0 + i * 30); // minutes 0, 30 (hour 0) and 60 (hour 1)
          p.setDouble(2, 10 * (i + 1));
          p.setDouble(3, 10 * (i + 1));
          p.setDouble(4, 10 * (i + 1));
          p.setBytes(5, sk.toBytes());
          p.executeUpdate();
        }
      }
      s.execute("PRAGMA user_version = 1");
    }
    try (MinuteStore store = open()) {
      NavigableMap<Long, Aggregate> hours =
          store.readHours("f", "", LambdaMetric.DURATION, H0, H0 + 2).join();
      assertThat(hours.get(H0).sum()).isEqualTo(30);
      assertThat(hours.get(H0 + 1).sum()).isEqualTo(30);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void hoursGoWithTheirMinutes() {
    try (MinuteStore store = open()) {
      invoke(store, "f", 4, T0.toEpochMilli());
      store.flush();
      clock.advance(Duration.ofDays(15).plusHours(2));
      store.deleteExpired().join();
      assertThat(store.readHours("f", "", LambdaMetric.DURATION, H0 - 1, H0 + 2).join()).isEmpty();
    }
  }
}
