package dev.outlet.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's only writer: one platform daemon thread, {@code outlet-log-writer}, that drains the
 * {@link LogQueue} into batched transactions and runs every other write (retention) in between.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>The thread owns the write connection: nothing else touches it, so writes never contend.
 *   <li>Each loop stores at most {@code maxBatchEvents} in one transaction; events appended while a
 *       transaction commits go into the next one (group commit). A partial batch lingers up to
 *       {@link #LINGER_NANOS} for more events first, unless a flush, a task or a stop is waiting:
 *       under a steady trickle (START, END, REPORT of each warm invoke) that is one commit per
 *       linger instead of one per invoke.
 *   <li>After each batch it publishes the queue sequence number it reached; {@link #awaitProcessed}
 *       waits on that. A batch that fails to commit is rolled back, its events counted as dropped
 *       and announced by a notice in the next batch, and the writer backs off for a second.
 *   <li>A {@link #call task} first waits for every event appended before it was submitted, so a
 *       caller sees its own appends.
 *   <li>{@link #stop} stores what is queued, fails the tasks left, and closes the connection.
 * </ol>
 */
final class LogWriter implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FAILURE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Work for the writer thread, on its connection (autocommit off). */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private record Task<T>(Work<T> work, long afterSeq, CompletableFuture<T> result) {}

  private final Connection connection;
  private final LogQueue queue;
  private final Clock clock;
  private final int maxBatch;
  private final long retentionNanos;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
  private final Object progress = new Object();
  private final Object gate = new Object();
  private long processed; // guarded by progress
  private boolean paused; // guarded by gate
  private boolean holding; // guarded by gate
  private volatile boolean stopping;
  private volatile boolean flushWanted;
  private volatile boolean stopped;
  private volatile long batches; // written by the writer thread only

  LogWriter(Connection connection, LogQueue queue, LogStoreOptions options) {
    this.connection = connection;
    this.queue = queue;
    this.clock = options.clock();
    this.maxBatch = options.maxBatchEvents();
    this.retentionNanos = options.retentionInterval().toNanos();
    this.thread = Thread.ofPlatform().name("outlet-log-writer").daemon(true).unstarted(this);
  }

  void start() {
    thread.start();
  }

  /** The store's clock, for ingestion and creation times of work run by {@link #call}. */
  long now() {
    return clock.millis();
  }

  /** Makes the writer look at its queue now; cheap, callable from any thread. */
  void wake() {
    LockSupport.unpark(thread);
  }

  @Override
  public void run() {
    List<PendingEvent> batch = new ArrayList<>(maxBatch);
    Map<StreamKey, Gap> gaps = new LinkedHashMap<>();
    long nextRetention = System.nanoTime() + retentionNanos;
    try (BatchInserter inserter = new BatchInserter(connection)) {
      while (true) {
        holdWhilePaused();
        runTasks(inserter, batch, gaps);
        if (System.nanoTime() - nextRetention >= 0) {
          expire();
          nextRetention = System.nanoTime() + retentionNanos;
        }
        linger();
        if (!writeBatch(inserter, batch, gaps)) {
          if (stopping && queue.isIdle() && tasks.isEmpty()) {
            return;
          }
          long untilRetention = nextRetention - System.nanoTime();
          LockSupport.parkNanos(this, Math.max(1, Math.min(IDLE_PARK_NANOS, untilRetention)));
        }
      }
    } catch (Throwable t) {
      log.error("log writer failed; log events are no longer stored", t);
    } finally {
      finish();
    }
  }

  /**
   * Waits up to {@link #LINGER_NANOS} for a partial batch to fill, unless someone waits for the
   * writer. A wake-up before the deadline (an appender's, for an event that found the queue empty
   * while the last batch committed, leaves a permit that ends the next park at once) only makes it
   * look again: without that, a steady trickle commits back to back in batches of a few invocations
   * instead of once per linger.
   */
  private void linger() {
    long deadline = System.nanoTime() + LINGER_NANOS;
    while (true) {
      int queued = queue.size();
      if (queued == 0 || queued >= maxBatch || stopping || flushWanted || !tasks.isEmpty()) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, left);
    }
    flushWanted = false;
  }

  /** Drains and stores one batch; false if there was nothing to store. */
  private boolean writeBatch(
      BatchInserter inserter, List<PendingEvent> batch, Map<StreamKey, Gap> gaps) {
    long seq = queue.drain(batch, maxBatch, gaps);
    if (batch.isEmpty() && gaps.isEmpty()) {
      publish(seq);
      return false;
    }
    batches++;
    try {
      inserter.write(batch, gaps, clock.millis());
    } catch (SQLException | RuntimeException e) {
      log.error("could not store {} log events; they are dropped", batch.size(), e);
      requeueLoss(batch, gaps);
      if (!stopping) {
        LockSupport.parkNanos(this, FAILURE_BACKOFF_NANOS);
      }
    } finally {
      batch.clear();
      gaps.clear();
      publish(seq);
    }
    return true;
  }

  /** Counts a failed batch's events as dropped; unless stopping, announces them again later. */
  private void requeueLoss(List<PendingEvent> batch, Map<StreamKey, Gap> gaps) {
    Map<StreamKey, Gap> lost = new HashMap<>(gaps);
    for (PendingEvent e : batch) {
      lost.computeIfAbsent(e.key(), k -> new Gap()).add(1, e.timestamp());
    }
    queue.lost(lost, batch.size(), !stopping);
  }

  private void runTasks(
      BatchInserter inserter, List<PendingEvent> batch, Map<StreamKey, Gap> gaps) {
    for (Task<?> task; (task = tasks.poll()) != null; ) {
      while (processed() < task.afterSeq()) {
        writeBatch(inserter, batch, gaps);
      }
      run(task);
    }
  }

  private <T> void run(Task<T> task) {
    try {
      task.result().complete(task.work().run(connection));
    } catch (SQLException | RuntimeException e) {
      task.result().completeExceptionally(e);
    }
  }

  private void expire() {
    try {
      int deleted = Retention.deleteExpired(connection, clock.millis());
      if (deleted > 0) {
        log.debug("deleted {} expired log events", deleted);
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("could not delete expired log events; will retry", e);
    }
  }

  /**
   * Runs {@code work} on the writer thread after every event appended so far, and waits for it.
   *
   * @throws LogStoreException if the work fails or the writer is stopped
   */
  <T> T call(Work<T> work) {
    if (stopping) {
      throw new LogStoreException("the log store is closed", null);
    }
    Task<T> task = new Task<>(work, queue.offered(), new CompletableFuture<>());
    tasks.add(task);
    wake();
    if (stopped && tasks.remove(task)) {
      throw new LogStoreException("the log store is closed", null);
    }
    try {
      return task.result().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LogStoreException lse) {
        throw lse;
      }
      throw new LogStoreException("log store write failed: " + cause, cause);
    }
  }

  private long processed() {
    synchronized (progress) {
      return processed;
    }
  }

  private void publish(long seq) {
    synchronized (progress) {
      if (seq > processed) {
        processed = seq;
        progress.notifyAll();
      }
    }
  }

  /**
   * Waits until every event up to sequence number {@code seq} is stored or dropped.
   *
   * @throws LogStoreException if the writer stopped first
   */
  void awaitProcessed(long seq) throws InterruptedException {
    if (processed() >= seq) {
      return; // nothing to hurry: a flag left set would cut the next linger short
    }
    flushWanted = true;
    wake();
    synchronized (progress) {
      while (processed < seq) {
        if (stopped) {
          throw new LogStoreException("the log writer has stopped", null);
        }
        progress.wait();
      }
    }
  }

  /** Stores what is queued, then stops the thread; waits for it at most {@code millis}. */
  boolean stop(long millis) throws InterruptedException {
    stopping = true;
    synchronized (gate) {
      gate.notifyAll();
    }
    wake();
    thread.join(millis);
    return !thread.isAlive();
  }

  private void finish() {
    stopped = true;
    for (Task<?> task; (task = tasks.poll()) != null; ) {
      task.result().completeExceptionally(new LogStoreException("the log store is closed", null));
    }
    synchronized (progress) {
      progress.notifyAll();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("could not close logs.db", e);
    }
  }

  /** Batches (transactions of events) written so far. */
  long batches() {
    return batches;
  }

  // Test hooks: hold the writer between batches, to fill the queue faster than it drains.

  /** Returns once the writer holds between batches, or throws after {@code millis}. */
  void pause(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (gate) {
      paused = true;
      wake();
      while (!holding) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new IllegalStateException("log writer did not pause");
        }
        gate.wait(left);
      }
    }
  }

  void resume() {
    synchronized (gate) {
      paused = false;
      gate.notifyAll();
    }
  }

  boolean isHolding() {
    synchronized (gate) {
      return holding;
    }
  }

  private void holdWhilePaused() throws InterruptedException {
    synchronized (gate) {
      while (paused && !stopping) {
        holding = true;
        gate.notifyAll();
        gate.wait();
      }
      holding = false;
    }
  }
}
