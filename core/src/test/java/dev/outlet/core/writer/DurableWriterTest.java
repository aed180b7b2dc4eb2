package dev.outlet.core.writer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableWriterTest {

  static final String THREAD = "test-durable-writer";
  static final Duration LONG = Duration.ofHours(1);

  @TempDir Path dir;
  DurableWriter<Integer> writer;

  /** Records each batch; its first write can be held until the test lets it go. */
  static final class RecordingSink implements BatchSink<Integer> {
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final List<Long> writtenAt = new CopyOnWriteArrayList<>();
    final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    final CountDownLatch firstWriteMayEnd;
    volatile boolean closed;

    RecordingSink(boolean holdFirstWrite) {
      firstWriteMayEnd = new CountDownLatch(holdFirstWrite ? 1 : 0);
    }

    @Override
    public void write(List<Integer> batch) throws InterruptedException {
      firstWriteEntered.countDown();
      assertThat(firstWriteMayEnd.await(10, SECONDS)).isTrue();
      batches.add(List.copyOf(batch));
      writtenAt.add(System.nanoTime());
    }

    List<Integer> stored() {
      List<Integer> all = new ArrayList<>();
      batches.forEach(all::addAll);
      return all;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static WriterOptions options(int maxBatch, Duration linger) {
    return WriterOptions.of(THREAD, "test.db", maxBatch).withLinger(linger);
  }

  DurableWriter<Integer> start(WriterOptions options, BatchSink<Integer> sink) {
    writer = DurableWriter.start(options, WriteQueue.unbounded(), sink);
    return writer;
  }

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  void everythingQueuedDuringACommitGoesIntoTheNextBatch() throws Exception {
    RecordingSink sink = new RecordingSink(true);
    start(options(1_000, Duration.ZERO), sink);
    writer.offer(0);
    assertThat(sink.firstWriteEntered.await(10, SECONDS)).isTrue();
    for (int i = 1; i < 100; i++) {
      writer.offer(i);
    }
    sink.firstWriteMayEnd.countDown();
    writer.flush();

    assertThat(sink.batches).containsExactly(List.of(0), IntStream.range(1, 100).boxed().toList());
  }

  @Test
  void batchesKeepTheOfferOrderAndTheirMaximumSize() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    start(options(64, Duration.ZERO), sink);
    for (int i = 0; i < 10_000; i++) {
      writer.offer(i);
    }
    writer.flush();

    assertThat(sink.stored()).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
    assertThat(sink.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(64));
  }

  @Test
  void flushCutsTheLingerShortAndWaitsForTheWrite() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    start(options(1_000, LONG), sink);
    writer.offer(1);
    writer.offer(2);

    writer.flush(); // the linger alone would hold them for an hour

    assertThat(sink.stored()).containsExactly(1, 2);
  }

  @Test
  void aTaskSeesEverythingAppendedBeforeIt() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    start(options(1_000, LONG), sink);
    writer.offer(1);
    writer.append(2);

    List<Integer> seen = writer.submit(sink::stored).get(10, SECONDS);

    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void tasksRunInOrderOnTheWriterThread() throws Exception {
    start(options(1_000, Duration.ZERO), new RecordingSink(false));
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String name = "task " + i;
      done.add(
          writer.submit(
              () -> {
                ran.add(name + " on " + Thread.currentThread().getName());
                return null;
              }));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, SECONDS);

    assertThat(ran)
        .isEqualTo(IntStream.range(0, 50).mapToObj(i -> "task " + i + " on " + THREAD).toList());
  }

  @Test
  void closeStoresEverythingAcceptedFromRacingThreadsAndRefusesTheRest() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    start(options(100, LONG), sink);
    int threads = 4;
    int each = 20_000;
    AtomicLong accepted = new AtomicLong();
    List<Integer> acceptedItems = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> offers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        offers.add(
            pool.submit(
                () -> {
                  started.countDown();
                  for (int i = 0; i < each; i++) {
                    if (writer.offer(base + i)) {
                      accepted.incrementAndGet();
                      acceptedItems.add(base + i);
                    }
                  }
                }));
      }
      assertThat(started.await(10, SECONDS)).isTrue();
      writer.close();
      for (Future<?> f : offers) {
        f.get(30, SECONDS);
      }
    }

    assertThat(sink.closed).isTrue();
    assertThat(sink.stored()).containsExactlyInAnyOrderElementsOf(acceptedItems);
    assertThat(writer.dropped()).isEqualTo((long) threads * each - accepted.get());
  }

  @Test
  void afterCloseOffersAreCountedAppendsAndTasksAreRefusedByName() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    start(options(10, LONG), sink);
    writer.offer(1);
    writer.close();

    assertThat(sink.stored()).containsExactly(1);
    assertThat(writer.offer(2)).isFalse();
    assertThat(writer.dropped()).isEqualTo(1);
    assertThatThrownBy(() -> writer.append(3))
        .isInstanceOf(WriterClosedException.class)
        .hasMessage("test.db is closed");
    assertThatThrownBy(() -> writer.submit(() -> 1).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WriterClosedException.class)
        .hasRootCauseMessage("test.db is closed");
    writer.flush(); // nothing admitted is pending: returns
  }

  @Test
  void noThreadIsLeftAfterClose() {
    start(options(10, Duration.ZERO), new RecordingSink(false));
    assertThat(writerThreads()).hasSize(1);

    writer.close();

    assertThat(writerThreads()).isEmpty();
  }

  static List<Thread> writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(THREAD) && t.isAlive())
        .toList();
  }

  @Test
  void aBoundedQueueRefusesTheNewestWhenFull() throws Exception {
    RecordingSink sink = new RecordingSink(false);
    writer = DurableWriter.start(options(1_000, LONG), WriteQueue.bounded(3), sink);
    assertThat(List.of(writer.offer(1), writer.offer(2), writer.offer(3), writer.offer(4)))
        .containsExactly(true, true, true, false);
    assertThatThrownBy(() -> writer.append(5)).hasMessageContaining("full");

    writer.flush();

    assertThat(sink.stored()).containsExactly(1, 2, 3);
    assertThat(writer.dropped()).isEqualTo(2);
  }

  /** A real SQLite table whose primary key makes a batch with a duplicate fail mid-way. */
  static final class SqliteSink implements BatchSink<Integer> {
    final Connection db;
    final List<Integer> lostItems = new CopyOnWriteArrayList<>();

    SqliteSink(Path file) throws SQLException {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE items(n INTEGER PRIMARY KEY)");
      }
      db.setAutoCommit(false);
    }

    @Override
    public void write(List<Integer> batch) throws SQLException {
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO items(n) VALUES(?)")) {
        for (int n : batch) {
          insert.setInt(1, n);
          insert.executeUpdate();
        }
      }
      db.commit();
    }

    @Override
    public void rollback() throws SQLException {
      db.rollback();
    }

    @Override
    public long lost(List<Integer> batch, Exception cause, boolean closing) {
      lostItems.addAll(batch);
      return batch.size();
    }

    List<Integer> rows() throws SQLException {
      List<Integer> out = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT n FROM items ORDER BY n")) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    }

    @Override
    public void close() throws SQLException {
      db.close();
    }
  }

  @Test
  void aFailedBatchIsRolledBackCountedAndTheNextOneIsStored() throws Exception {
    SqliteSink sink = new SqliteSink(dir.resolve("items.db"));
    writer =
        DurableWriter.start(
            options(1_000, LONG).withFailureBackoff(Duration.ZERO), WriteQueue.unbounded(), sink);
    writer.offer(1);
    writer.flush();
    writer.offer(2);
    writer.offer(3);
    writer.offer(1); // the key is taken: the batch fails after inserting 2 and 3
    writer.flush();
    writer.offer(4);
    writer.flush();

    assertThat(writer.submit(sink::rows).get(10, SECONDS)).containsExactly(1, 4);
    assertThat(sink.lostItems).containsExactly(2, 3, 1);
    assertThat(writer.dropped()).isEqualTo(3);
  }

  @Test
  void aSteadyTrickleIsWrittenInOneBatchPerLinger() throws Exception {
    Duration linger = Duration.ofMillis(10);
    RecordingSink sink = new RecordingSink(false);
    start(options(2_000, linger), sink);
    // one item a millisecond (what START, END and REPORT lines of warm invokes look like): the
    // writer must not commit each as it comes, however its wake-ups fall
    int items = 300;
    long t0 = System.nanoTime();
    for (int i = 0; i < items; i++) {
      writer.offer(i);
      Thread.sleep(1);
    }
    long lingers = (System.nanoTime() - t0) / linger.toNanos() + 1;
    writer.flush();

    assertThat(sink.stored()).hasSize(items);
    assertThat(writer.batches()).isBetween(1L, lingers + 2);
  }

  @Test
  void aWakeUpBankedDuringACommitDoesNotCutTheNextLingerShort() throws Exception {
    Duration linger = Duration.ofMillis(50);
    RecordingSink sink = new RecordingSink(true);
    start(options(2_000, linger), sink);
    writer.offer(1);
    // the first item lingers, then its write holds
    assertThat(sink.firstWriteEntered.await(10, SECONDS)).isTrue();
    writer.offer(2); // finds the queue empty: wakes the writer, which is busy committing
    sink.firstWriteMayEnd.countDown();

    long deadline = System.nanoTime() + SECONDS.toNanos(10);
    while (sink.batches.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(1); // polling, bounded: the times recorded by the sink decide
    }
    assertThat(sink.batches).hasSize(2);

    assertThat(sink.writtenAt.get(1) - sink.writtenAt.get(0))
        .isGreaterThanOrEqualTo(linger.toNanos());
  }

  @Test
  void theLingerFollowsTheInjectedTime() throws Exception {
    AtomicLong now = new AtomicLong();
    RecordingSink sink = new RecordingSink(false);
    start(options(1_000, LONG).withIdleWake(Duration.ofMillis(5)).withNanoTime(now::get), sink);
    writer.offer(1);
    assertThat(sink.batches).isEmpty(); // an hour of linger, and that time stands still

    // moves the injected time on by an hour a real millisecond: in real time the linger would
    // last an hour, far beyond the bound below
    long deadline = System.nanoTime() + SECONDS.toNanos(10);
    while (sink.batches.isEmpty() && System.nanoTime() < deadline) {
      now.addAndGet(LONG.toNanos());
      Thread.sleep(1);
    }
    assertThat(sink.stored()).as("written once the injected hour passed").containsExactly(1);
  }
}
