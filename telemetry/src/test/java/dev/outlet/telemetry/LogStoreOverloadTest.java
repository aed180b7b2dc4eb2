package dev.outlet.telemetry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreOverloadTest {

  static final String GROUP = "/aws/lambda/busy";

  @TempDir Path dir;

  /**
   * A writer that takes nothing from its queue until a flush asks: a partial batch lingers an hour,
   * and a full one is larger than any test appends. Appends meanwhile fill the queue as they would
   * faster than a real writer drains it.
   */
  static LogStoreOptions held(LogStoreOptions options) {
    return options.withLinger(Duration.ofHours(1)).withMaxBatchEvents(1_000_000);
  }

  static List<LogEvent> all(LogStore store, String group) {
    List<LogEvent> events = new ArrayList<>();
    Cursor cursor = null;
    for (List<LogEvent> page;
        !(page = store.events(group, null, null, Long.MIN_VALUE, Long.MAX_VALUE, cursor, 10_000))
            .isEmpty(); ) {
      events.addAll(page);
      cursor = page.getLast().cursor();
    }
    return events;
  }

  @Test
  void dropsTheOldestEventsCountsThemAndSaysSoOncePerGap() throws Exception {
    LogStoreOptions tiny = held(LogStoreOptions.defaults().withMaxQueueBytes(1_000));
    try (LogStore store = LogStore.open(dir, tiny)) {
      store.append(GROUP, "s", 0, "stored before the overload");
      store.flush();
      for (int i = 1; i <= 100; i++) {
        store.append(GROUP, "s", i, String.format("line %03d", i)); // 80 bytes each: 12 fit
      }
      store.flush();

      List<String> messages = all(store, GROUP).stream().map(LogEvent::message).toList();

      assertThat(store.droppedEvents()).isEqualTo(88);
      assertThat(messages).first().isEqualTo("stored before the overload");
      assertThat(messages.get(1))
          .isEqualTo("[outlet] 88 log lines dropped: the log store could not keep up");
      assertThat(messages.subList(2, messages.size()))
          .hasSize(12)
          .startsWith("line 089")
          .endsWith("line 100");
      assertThat(messages).filteredOn(m -> m.startsWith("[outlet]")).hasSize(1);
    }
  }

  @Test
  void theDropNoticeGoesToEachStreamThatLostEvents() throws Exception {
    LogStoreOptions tiny = held(LogStoreOptions.defaults().withMaxQueueEvents(2));
    try (LogStore store = LogStore.open(dir, tiny)) {
      store.append(GROUP, "a", 1, "a1");
      store.append(GROUP, "b", 2, "b2");
      store.append(GROUP, "b", 3, "b3");
      store.append(GROUP, "c", 4, "c4");
      store.flush();

      assertThat(all(store, GROUP))
          .extracting(e -> e.stream() + ":" + e.message())
          .containsExactly(
              "a:[outlet] 1 log lines dropped: the log store could not keep up",
              "b:[outlet] 1 log lines dropped: the log store could not keep up",
              "b:b3",
              "c:c4");
    }
  }

  @Test
  void appendNeverWaitsForTheWriter() throws Exception {
    try (LogStore store = LogStore.open(dir, held(LogStoreOptions.defaults()));
        ExecutorService appender = Executors.newSingleThreadExecutor()) {
      Future<?> appends =
          appender.submit(
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  store.append(GROUP, "s", i, "line " + i);
                }
              });
      appends.get(30, SECONDS);

      assertThat(store.groups()).as("the writer has stored nothing yet").isEmpty();
      store.flush();
      assertThat(all(store, GROUP)).hasSize(100_000);
      assertThat(store.droppedEvents()).isZero();
    }
  }

  @Test
  void concurrentAppendsFromEightThreadsLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 5_000;
    try (LogStore store = LogStore.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String stream = "stream-" + t;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    store.append(GROUP, stream, 1_000 + i, Integer.toString(i));
                  }
                },
                pool));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, SECONDS);
      store.flush();

      assertThat(store.droppedEvents()).isZero();
      assertThat(all(store, GROUP)).hasSize(threads * perThread);
      for (LogStream stream : store.streams(GROUP)) {
        List<String> messages =
            store.streamEvents(GROUP, stream.name(), 0, Long.MAX_VALUE, null, true, 10_000).stream()
                .map(LogEvent::message)
                .toList();
        assertThat(messages).hasSize(perThread).startsWith("0", "1").endsWith("4999");
        assertThat(stream.firstEventTimestamp()).isEqualTo(1_000);
        assertThat(stream.lastEventTimestamp()).isEqualTo(1_000 + perThread - 1);
      }
      assertThat(store.streams(GROUP)).hasSize(threads);
    }
  }
}
