package dev.outlet.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  static final long DAY = 86_400_000L;
  static final long NOW = 1_775_000_000_000L;

  @TempDir Path dir;

  static List<String> messages(SqliteLogStore store, String group) {
    return store.events(group, null, null, Long.MIN_VALUE, Long.MAX_VALUE, null, 100).stream()
        .map(LogEvent::message)
        .toList();
  }

  @Test
  void deletesEventsOlderThanTheGroupsRetentionButNotNewerOnes() {
    try (SqliteLogStore store = SqliteLogStore.open(dir)) {
      store.append("/aws/lambda/a", "s", NOW - 8 * DAY, "eight days old");
      store.append("/aws/lambda/a", "s", NOW - 6 * DAY, "six days old");
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.append("/aws/lambda/forever", "s", NOW - 800 * DAY, "kept forever");

      assertThat(store.setRetention("/aws/lambda/a", 7)).isTrue();
      int deleted = store.deleteExpired(NOW);

      assertThat(deleted).isEqualTo(1);
      assertThat(messages(store, "/aws/lambda/a")).containsExactly("six days old", "new");
      assertThat(messages(store, "/aws/lambda/forever")).containsExactly("kept forever");
      assertThat(store.group("/aws/lambda/a").orElseThrow().retentionInDays()).isEqualTo(7);
    }
  }

  @Test
  void removingTheRetentionKeepsEventsForever() {
    try (SqliteLogStore store = SqliteLogStore.open(dir)) {
      store.append("/aws/lambda/a", "s", NOW - 8 * DAY, "old");
      store.setRetention("/aws/lambda/a", 1);
      store.setRetention("/aws/lambda/a", null);

      assertThat(store.deleteExpired(NOW)).isZero();
      assertThat(store.group("/aws/lambda/a").orElseThrow().retentionInDays()).isNull();
    }
  }

  @Test
  void reportsAMissingGroup() {
    try (SqliteLogStore store = SqliteLogStore.open(dir)) {
      assertThat(store.setRetention("/aws/lambda/missing", 7)).isFalse();
    }
  }

  @Test
  void deletesManyExpiredEventsInChunks() {
    try (SqliteLogStore store = SqliteLogStore.open(dir)) {
      int old = Retention.CHUNK * 2 + 17;
      for (int i = 0; i < old; i++) {
        store.append("/aws/lambda/a", "s", NOW - 30 * DAY + i, "old " + i);
      }
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.setRetention("/aws/lambda/a", 1);

      assertThat(store.deleteExpired(NOW)).isEqualTo(old);
      assertThat(messages(store, "/aws/lambda/a")).containsExactly("new");
    }
  }

  @Test
  void theWriterDeletesExpiredEventsByItself() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    LogStoreOptions options =
        LogStoreOptions.defaults().withClock(clock).withRetentionInterval(Duration.ofMillis(20));
    try (SqliteLogStore store = SqliteLogStore.open(dir, options)) {
      store.append("/aws/lambda/a", "s", NOW - 2 * DAY, "old");
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.setRetention("/aws/lambda/a", 1);

      await()
          .atMost(5, SECONDS)
          .untilAsserted(() -> assertThat(messages(store, "/aws/lambda/a")).containsExactly("new"));
    }
  }
}
