package dev.outlet.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.outlet.core.LogDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link LogStore} does on any {@link LogDatabase}: SQLite's file here, PostgreSQL's schema
 * in the postgres module. Each test has a fresh, empty database.
 */
public abstract class LogStoreContract {

  protected static final String GROUP = "/aws/lambda/hello";
  protected static final String STREAM = "2026/04/03/[$LATEST]cd5d0140e6a448a2b1099ff2105f2c3e";
  protected static final long NOW = 1_775_000_000_000L;
  static final long DAY = 86_400_000L;

  protected LogStore store;

  /** Makes this test's empty database. */
  protected abstract void freshDatabase() throws Exception;

  /** This test's database (the same each call). */
  protected abstract LogDatabase database();

  @BeforeEach
  void makeDatabase() throws Exception {
    freshDatabase();
  }

  protected LogStore open() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    store = LogStore.open(database(), LogStoreOptions.defaults().withClock(clock));
    return store;
  }

  /** A store with the default options (the system clock), closed by the test. */
  protected LogStore openPlain() {
    return LogStore.open(database(), LogStoreOptions.defaults());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static List<String> messages(List<LogEvent> events) {
    return events.stream().map(LogEvent::message).toList();
  }

  static List<String> retained(LogStore store, String group) {
    return messages(store.events(group, null, null, Long.MIN_VALUE, Long.MAX_VALUE, null, 100));
  }

  // The linger's own properties (one transaction per linger under a trickle, wake-ups that do not
  // cut it short) are the writer's: DurableWriterTest in core.

  @Test
  void appendedEventsAreQueryableAfterFlush() {
    open();
    store.append(GROUP, STREAM, NOW - 2, "first");
    store.append(GROUP, STREAM, NOW - 1, "second");
    store.flush();

    List<LogEvent> events = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);

    assertThat(messages(events)).containsExactly("first", "second");
    LogEvent first = events.get(0);
    assertThat(first.group()).isEqualTo(GROUP);
    assertThat(first.stream()).isEqualTo(STREAM);
    assertThat(first.timestamp()).isEqualTo(NOW - 2);
    assertThat(first.ingestionTime()).isEqualTo(NOW);
    assertThat(first.eventId()).isNotEqualTo(events.get(1).eventId());
  }

  @Test
  void eventsSurviveCloseAndReopenWithTheirIds() {
    open();
    store.append(GROUP, STREAM, NOW, "kept");
    store.close();
    List<LogEvent> before;

    open();
    before = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);
    store.append(GROUP, STREAM, NOW, "after reopen");
    store.flush();
    List<LogEvent> after = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);

    assertThat(messages(before)).containsExactly("kept");
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(after.get(1).id()).isGreaterThan(before.get(0).id());
  }

  @Test
  void ordersByTimestampThenArrivalAndPagesByCursor() {
    open();
    store.append(GROUP, "b", 30, "b30");
    store.append(GROUP, "a", 10, "a10");
    store.append(GROUP, "a", 20, "a20-1");
    store.append(GROUP, "b", 20, "b20-2");
    store.append(GROUP, "a", 40, "a40");
    store.flush();

    List<String> seen = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    while (true) {
      List<LogEvent> page = store.events(GROUP, null, null, 0, 100, cursor, 2);
      if (page.isEmpty()) {
        break;
      }
      pages++;
      seen.addAll(messages(page));
      cursor = page.getLast().cursor();
    }

    assertThat(seen).containsExactly("a10", "a20-1", "b20-2", "b30", "a40");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void filtersByTimeRangeStreamsAndPrefix() {
    open();
    store.append(GROUP, "2026/04/03/[1]x", 10, "v1");
    store.append(GROUP, "2026/04/03/[2]y", 20, "v2");
    store.append(GROUP, "2026/04/04/[2]z", 30, "v2 later");
    store.append("/aws/lambda/other", "2026/04/03/[1]x", 15, "other group");
    store.flush();

    assertThat(messages(store.events(GROUP, null, null, 20, 30, null, 10))).containsExactly("v2");
    assertThat(messages(store.events(GROUP, List.of("2026/04/03/[1]x"), null, 0, 99, null, 10)))
        .containsExactly("v1");
    assertThat(messages(store.events(GROUP, null, "2026/04/03/", 0, 99, null, 10)))
        .containsExactly("v1", "v2");
    assertThat(store.events(GROUP, List.of(), null, 0, 99, null, 10)).isEmpty();
  }

  @Test
  void readsOneStreamForwardAndBackward() {
    open();
    for (int i = 1; i <= 5; i++) {
      store.append(GROUP, STREAM, i, "e" + i);
    }
    store.append(GROUP, "other", 3, "not this stream");
    store.flush();

    List<LogEvent> newest = store.streamEvents(GROUP, STREAM, 0, 100, null, false, 2);
    List<LogEvent> before =
        store.streamEvents(GROUP, STREAM, 0, 100, newest.get(0).cursor(), false, 2);
    List<LogEvent> fromHead = store.streamEvents(GROUP, STREAM, 0, 100, null, true, 3);
    List<LogEvent> next =
        store.streamEvents(GROUP, STREAM, 0, 100, fromHead.getLast().cursor(), true, 3);

    assertThat(messages(newest)).containsExactly("e4", "e5");
    assertThat(messages(before)).containsExactly("e2", "e3");
    assertThat(messages(fromHead)).containsExactly("e1", "e2", "e3");
    assertThat(messages(next)).containsExactly("e4", "e5");
  }

  @Test
  void createsGroupsAndStreamsImplicitlyAndKeepsTheirStatistics() {
    open();
    store.append(GROUP, STREAM, 200, "héllo");
    store.append(GROUP, STREAM, 100, "1234");
    store.append(GROUP, "another", 300, "x");
    store.flush();

    assertThat(store.groups()).containsExactly(new LogGroup(GROUP, NOW, null, 11));
    assertThat(store.group(GROUP)).contains(new LogGroup(GROUP, NOW, null, 11));
    assertThat(store.group("/aws/lambda/missing")).isEmpty();
    assertThat(store.streams(GROUP))
        .containsExactly(
            new LogStream(GROUP, STREAM, NOW, 100, 200, NOW, 10),
            new LogStream(GROUP, "another", NOW, 300, 300, NOW, 1));
  }

  @Test
  void splitsA600KbLineIntoThreeConsecutiveEventsWithoutCuttingACodePoint() {
    open();
    // The emoji (4 bytes) straddles the first 262,118-byte boundary: it must move whole.
    String line = "a".repeat(262_116) + "😀" + "é".repeat(100_000) + "z".repeat(614_400 - 462_120);
    assertThat(Utf8.length(line)).isEqualTo(600 * 1024);
    store.append(GROUP, STREAM, NOW, line);
    store.append(GROUP, STREAM, NOW, "next");
    store.flush();

    List<String> messages = messages(store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 10));

    assertThat(messages).hasSize(4);
    assertThat(messages.getLast()).isEqualTo("next");
    List<String> pieces = messages.subList(0, 3);
    assertThat(String.join("", pieces).equals(line)).as("content preserved").isTrue();
    assertThat(pieces.stream().map(Utf8::length).toList())
        .containsExactly(262_116L, 262_118L, 614_400L - 262_116 - 262_118);
    assertThat(pieces.get(1)).startsWith("😀é");
    assertThat(store.streams(GROUP).getFirst().storedBytes()).isEqualTo(614_400L + 4);
  }

  @Test
  void countsAppendsAfterCloseAsDroppedAndRefusesOtherCalls() {
    open();
    store.close();

    store.append(GROUP, STREAM, NOW, "too late");

    assertThat(store.droppedEvents()).isEqualTo(1);
    assertThatThrownBy(() -> store.events(GROUP, null, null, 0, 1, null, 1))
        .isInstanceOf(LogStoreException.class);
    assertThatThrownBy(() -> store.setRetention(GROUP, 1)).isInstanceOf(LogStoreException.class);
  }

  @Test
  void createsDeletesAndStoresThroughTheApiCalls() {
    open();
    assertThat(store.createGroup("/custom/app")).isTrue();
    assertThat(store.createGroup("/custom/app")).isFalse();
    assertThat(store.createStream("/custom/missing", "s")).isEqualTo(StreamCreation.NO_GROUP);
    assertThat(store.createStream("/custom/app", "s")).isEqualTo(StreamCreation.CREATED);
    assertThat(store.createStream("/custom/app", "s")).isEqualTo(StreamCreation.EXISTS);
    assertThat(store.streams("/custom/app").getFirst().hasEvents()).isFalse();

    store.store(
        "/custom/app", "s", List.of(new LogEntry(NOW - 5, "b"), new LogEntry(NOW - 9, "a")));

    assertThat(messages(store.streamEvents("/custom/app", "s", 0, Long.MAX_VALUE, null, true, 10)))
        .containsExactly("a", "b");
    LogStream s = store.streams("/custom/app").getFirst();
    assertThat(s.firstEventTimestamp()).isEqualTo(NOW - 9);
    assertThat(s.lastEventTimestamp()).isEqualTo(NOW - 5);
    assertThat(store.deleteGroup("/custom/app")).isTrue();
    assertThat(store.deleteGroup("/custom/app")).isFalse();
    assertThat(store.groups()).isEmpty();
    assertThat(store.events("/custom/app", null, null, 0, Long.MAX_VALUE, null, 10)).isEmpty();
  }

  @Test
  void sortsNamesByTheirCharactersNotALocalesRules() {
    open();
    for (String stream : List.of("b", "B", "a-1", "a_1", "a.1", "é", "Z")) {
      store.append(GROUP, stream, NOW, stream);
    }
    store.append("/aws/lambda/Zed", "s", NOW, "x");
    store.append("/aws/lambda/alpha", "s", NOW, "x");
    store.flush();

    assertThat(store.streams(GROUP).stream().map(LogStream::name))
        .containsExactly("B", "Z", "a-1", "a.1", "a_1", "b", "é");
    assertThat(store.groups().stream().map(LogGroup::name))
        .containsExactly("/aws/lambda/Zed", "/aws/lambda/alpha", GROUP);
  }

  @Test
  void keepsEveryCharacterAFunctionPrints() {
    open();
    store.append(GROUP, STREAM, NOW, "tab\there, 😀, ünïcödé");
    store.flush();

    assertThat(retained(store, GROUP)).containsExactly("tab\there, 😀, ünïcödé");
  }

  @Test
  void deletesEventsOlderThanTheGroupsRetentionButNotNewerOnes() {
    try (LogStore store = openPlain()) {
      store.append("/aws/lambda/a", "s", NOW - 8 * DAY, "eight days old");
      store.append("/aws/lambda/a", "s", NOW - 6 * DAY, "six days old");
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.append("/aws/lambda/forever", "s", NOW - 800 * DAY, "kept forever");

      assertThat(store.setRetention("/aws/lambda/a", 7)).isTrue();
      int deleted = store.deleteExpired(NOW);

      assertThat(deleted).isEqualTo(1);
      assertThat(retained(store, "/aws/lambda/a")).containsExactly("six days old", "new");
      assertThat(retained(store, "/aws/lambda/forever")).containsExactly("kept forever");
      assertThat(store.group("/aws/lambda/a").orElseThrow().retentionInDays()).isEqualTo(7);
    }
  }

  @Test
  void removingTheRetentionKeepsEventsForever() {
    try (LogStore store = openPlain()) {
      store.append("/aws/lambda/a", "s", NOW - 8 * DAY, "old");
      store.setRetention("/aws/lambda/a", 1);
      store.setRetention("/aws/lambda/a", null);

      assertThat(store.deleteExpired(NOW)).isZero();
      assertThat(store.group("/aws/lambda/a").orElseThrow().retentionInDays()).isNull();
    }
  }

  @Test
  void reportsAMissingGroup() {
    try (LogStore store = openPlain()) {
      assertThat(store.setRetention("/aws/lambda/missing", 7)).isFalse();
    }
  }

  @Test
  void deletesManyExpiredEventsInChunks() {
    try (LogStore store = openPlain()) {
      int old = Retention.CHUNK * 2 + 17;
      for (int i = 0; i < old; i++) {
        store.append("/aws/lambda/a", "s", NOW - 30 * DAY + i, "old " + i);
      }
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.setRetention("/aws/lambda/a", 1);

      assertThat(store.deleteExpired(NOW)).isEqualTo(old);
      assertThat(retained(store, "/aws/lambda/a")).containsExactly("new");
    }
  }

  @Test
  void theWriterDeletesExpiredEventsByItself() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    LogStoreOptions options =
        LogStoreOptions.defaults().withClock(clock).withRetentionInterval(Duration.ofMillis(20));
    try (LogStore store = LogStore.open(database(), options)) {
      store.append("/aws/lambda/a", "s", NOW - 2 * DAY, "old");
      store.append("/aws/lambda/a", "s", NOW, "new");
      store.setRetention("/aws/lambda/a", 1);

      await()
          .atMost(5, SECONDS)
          .untilAsserted(() -> assertThat(retained(store, "/aws/lambda/a")).containsExactly("new"));
    }
  }
}
