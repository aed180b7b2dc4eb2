package dev.outlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.MetricsDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

/**
 * What a {@link MinuteStore} does on any {@link MetricsDatabase}: SQLite's file here, PostgreSQL's
 * schema in the postgres module. Each test has a fresh, empty database.
 */
public abstract class MinuteStoreContract {
  protected static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  protected static final long M0 = T0.toEpochMilli() / 60_000;

  protected final ManualClock clock = new ManualClock(T0);

  /** Makes this test's empty database. */
  protected abstract void freshDatabase() throws Exception;

  /** This test's database (the same each call). */
  protected abstract MetricsDatabase database();

  @org.junit.jupiter.api.BeforeEach
  void makeDatabase() throws Exception {
    freshDatabase();
  }

  protected MinuteStore open() {
    return MinuteStore.open(database(), clock, Map::of, MinuteStore.Options.defaults());
  }

  /** One warm invocation of {@code function} taking {@code ms}, offered to {@code store}. */
  protected static void invoked(MinuteStore store, String function, double ms, long at) {
    store.offer(new MetricEvent.Invoked(Samples.warm(function, ms, at)));
  }

  protected static NavigableMap<Long, Aggregate> durations(MinuteStore store, String function) {
    return store.read(function, "", LambdaMetric.DURATION, M0 - 10, M0 + 10).join();
  }

  @Test
  void theOpenMinuteIsQueryableBeforeAnythingIsStored() {
    try (MinuteStore store = open()) {
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 4, T0.toEpochMilli() + 1000)));
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 8, T0.toEpochMilli() + 2000)));
      Aggregate a = durations(store, "f").get(M0);
      assertThat(a.sampleCount()).isEqualTo(2);
      assertThat(a.sum()).isEqualTo(12);
      assertThat(a.minimum()).isEqualTo(4);
      assertThat(a.maximum()).isEqualTo(8);
    }
  }

  @Test
  void aggregatesSurviveCloseAndMergeWithLaterSamplesOfTheSameMinute() {
    try (MinuteStore store = open()) {
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 4, T0.toEpochMilli())));
      store.flush();
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 6, T0.toEpochMilli())));
    }
    try (MinuteStore store = open()) {
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 20, T0.toEpochMilli() + 59_000)));
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 1, T0.toEpochMilli() + 60_000)));
      NavigableMap<Long, Aggregate> minutes = durations(store, "f");
      assertThat(minutes.keySet()).containsExactly(M0, M0 + 1);
      assertThat(minutes.get(M0).sampleCount()).isEqualTo(3);
      assertThat(minutes.get(M0).maximum()).isEqualTo(20);
      assertThat(minutes.get(M0).percentile(0.5)).isBetween(5.9, 6.1);
      store.flush();
      assertThat(durations(store, "f").get(M0).sum()).isEqualTo(30);
    }
  }

  @Test
  void minutesOlderThanTheRetentionAreDeleted() {
    try (MinuteStore store = open()) {
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 4, T0.toEpochMilli())));
      store.flush();
      clock.advance(Duration.ofDays(14));
      assertThat(store.deleteExpired().join()).isZero();
      clock.advance(Duration.ofDays(1).plusMinutes(2));
      assertThat(store.deleteExpired().join()).isPositive();
      assertThat(durations(store, "f")).isEmpty();
    }
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() {
    MinuteStore.Options tiny =
        new MinuteStore.Options(1, Duration.ofSeconds(5), Duration.ofDays(15));
    try (MinuteStore store = MinuteStore.open(database(), clock, Map::of, tiny)) {
      for (int i = 0; i < 10_000; i++) {
        store.offer(new MetricEvent.Invoked(Samples.warm("f", 1, T0.toEpochMilli())));
      }
      assertThat(store.dropped()).isPositive();
      assertThat(durations(store, "f").get(M0).sampleCount()).isEqualTo(10_000 - store.dropped());
    }
  }

  @Test
  void seriesListsEveryScopeWithItsLatestMinute() {
    try (MinuteStore store = open()) {
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 4, T0.toEpochMilli())));
      store.flush();
      store.offer(new MetricEvent.Invoked(Samples.warm("f", 4, T0.toEpochMilli() + 120_000)));
      assertThat(store.series(M0).join())
          .contains(
              new SeriesKey("f", "", LambdaMetric.DURATION, M0 + 2),
              new SeriesKey("", "", LambdaMetric.INVOCATIONS, M0 + 2));
    }
  }

  @Test
  void queriesAfterCloseFailAndOffersAreDropped() {
    MinuteStore store = open();
    store.close();
    assertThat(store.offer(new MetricEvent.Throttled("f", "$LATEST", 0))).isFalse();
    assertThat(store.dropped()).isEqualTo(1);
    assertThat(store.series(0))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(MetricsStoreException.class)
        .withMessage("metrics.db is closed");
  }
}
