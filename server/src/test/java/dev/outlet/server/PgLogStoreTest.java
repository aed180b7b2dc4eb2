package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LogDatabase;
import dev.outlet.postgres.PgLogDatabase;
import dev.outlet.postgres.PostgresServer;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.postgres.Waits;
import dev.outlet.telemetry.LogEvent;
import dev.outlet.telemetry.LogStore;
import dev.outlet.telemetry.LogStoreContract;
import dev.outlet.telemetry.LogStoreOptions;
import dev.outlet.telemetry.LogStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The log store's contract on a real PostgreSQL, and what a cluster adds: two nodes' stores on one
 * schema read each other's events, and a store outlives the database's restart.
 */
class PgLogStoreTest extends LogStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private PgLogDatabase database;
  private String url;

  @Override
  protected void freshDatabase() throws Exception {
    url = server.newDatabase();
    database = PgLogDatabase.open(PostgresUrl.parse(url), "outlet_us_east_1");
  }

  @Override
  protected LogDatabase database() {
    return database;
  }

  private LogStore node() {
    return server.closeAfter(LogStore.open(database, LogStoreOptions.defaults()));
  }

  @Test
  void eachNodeReadsWhatEveryNodeWrote() {
    LogStore a = node();
    LogStore b = node();
    int lines = 2_000;
    CompletableFuture<Void> fromA =
        CompletableFuture.runAsync(() -> write(a, "2026/12/07/[$LATEST]a", lines));
    CompletableFuture<Void> fromB =
        CompletableFuture.runAsync(() -> write(b, "2026/12/07/[$LATEST]b", lines));
    // both nodes also write one shared stream (as PutLogEvents calls on two nodes may)
    a.append(GROUP, "shared", NOW, "from a");
    b.append(GROUP, "shared", NOW + 1, "from b");
    CompletableFuture.allOf(fromA, fromB).join();
    a.flush();
    b.flush();

    for (LogStore reader : List.of(a, b)) {
      assertThat(reader.streams(GROUP))
          .extracting(LogStream::name)
          .containsExactly("2026/12/07/[$LATEST]a", "2026/12/07/[$LATEST]b", "shared");
      assertThat(messages(reader.streamEvents(GROUP, "shared", 0, Long.MAX_VALUE, null, true, 9)))
          .containsExactly("from a", "from b");
      assertThat(count(reader)).isEqualTo(2 * lines + 2);
    }
    LogStream shared = b.streams(GROUP).getLast();
    assertThat(shared.firstEventTimestamp()).isEqualTo(NOW);
    assertThat(shared.lastEventTimestamp()).isEqualTo(NOW + 1);
    assertThat(shared.storedBytes()).isEqualTo(12);
  }

  @Test
  void aNulCharacterIsStoredAsTheReplacementCharacterNotLostWithItsBatch() {
    open();
    store.append(GROUP, STREAM, NOW, "before\0after");
    store.append(GROUP, STREAM, NOW, "next");
    store.flush();

    assertThat(messages(store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 10)))
        .containsExactly("before\uFFFDafter", "next");
    assertThat(store.droppedEvents()).isZero();
  }

  @Test
  void writesAndReadsAgainAfterTheDatabaseRestarts() throws Exception {
    open();
    store.append(GROUP, STREAM, NOW, "before the crash");
    store.flush();

    server.crashAndRestart();
    // what is appended while the connections are being replaced may be lost, and then announced
    Waits.until(
        () -> {
          store.append(GROUP, STREAM, NOW + 1, "after the restart");
          store.flush();
          try {
            return messages(store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100))
                .contains("after the restart");
          } catch (RuntimeException queryOnABrokenConnection) {
            return false;
          }
        },
        Duration.ofSeconds(30));

    List<LogEvent> events = store.events(GROUP, null, null, 0, Long.MAX_VALUE, null, 100);
    assertThat(messages(events).getFirst()).isEqualTo("before the crash");
    if (store.droppedEvents() > 0) {
      assertThat(messages(events))
          .anyMatch(
              m ->
                  m.startsWith("[outlet] ")
                      && m.endsWith(
                          "log lines dropped: the log store could not write them (its database"
                              + " failed; see Outlet's log)"));
    }
  }

  @Test
  void aWatcherOnOneNodeSeesEveryNodesLinesOnceAndALateCommitToo() throws Exception {
    LogStore a = node();
    LogStore b = node();
    a.append(GROUP, "x", NOW, "before watching");
    a.flush();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (dev.outlet.telemetry.LogTail.Subscription s =
        b.tail().subscribe(GROUP, (stream, ts, message) -> seen.add(stream + " " + message))) {
      Thread.sleep(1_000); // the follower's first look: the tail starts there
      // a gap in the ids, as another node's open transaction holds them
      admin(
          "SELECT setval(pg_get_serial_sequence('outlet_us_east_1.log_events', 'id'),"
              + " (SELECT max(id) FROM outlet_us_east_1.log_events) + 10)");
      a.append(GROUP, "x", NOW + 1, "from a");
      b.append(GROUP, "y", NOW + 2, "from b");
      a.append("/aws/lambda/other", "x", NOW + 3, "another group");
      a.flush();
      b.flush();
      Waits.until(() -> seen.size() >= 2, Duration.ofSeconds(5));
      // an event whose id was handed out before the last one seen, committed after it (as a
      // slower node's batch is)
      admin(
          "INSERT INTO outlet_us_east_1.log_events"
              + " (id, group_id, stream_id, ts, ingestion_time, message)"
              + " SELECT e.id + 5, e.group_id, s.id, 1, 1, 'late'"
              + " FROM outlet_us_east_1.log_events e, outlet_us_east_1.log_streams s"
              + " WHERE e.message = 'before watching' AND s.name = 'y'");
      Waits.until(() -> seen.size() >= 3, Duration.ofSeconds(5));
      Thread.sleep(1_500); // three more looks: nothing is offered twice
    }
    assertThat(seen).containsExactlyInAnyOrder("x from a", "y from b", "y late");
  }

  private void admin(String sql) throws java.sql.SQLException {
    try (java.sql.Connection c = PostgresServer.admin(url);
        java.sql.Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static void write(LogStore store, String stream, int lines) {
    for (int i = 0; i < lines; i++) {
      store.append(GROUP, stream, NOW + i, "line " + i);
    }
  }

  private static int count(LogStore reader) {
    int n = 0;
    dev.outlet.telemetry.Cursor after = null;
    while (true) {
      List<LogEvent> page = reader.events(GROUP, null, null, 0, Long.MAX_VALUE, after, 500);
      if (page.isEmpty()) {
        return n;
      }
      n += page.size();
      after = page.getLast().cursor();
    }
  }
}
