package dev.outlet.core.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's only writer: one platform daemon thread that drains a {@link WriteQueue} into a {@link
 * BatchSink} in groups, and runs the store's other work (queries, administrative writes) in
 * between, on the same resource.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>The thread owns the sink: every sink method runs on it, so writes never contend.
 *   <li>Group commit: each {@link BatchSink#write} receives everything queued since the previous
 *       one returned, up to {@link WriterOptions#maxBatch()}. A partial batch first lingers up to
 *       {@link WriterOptions#linger()} for more, unless a flush, a task or close is waiting; a
 *       wake-up during the linger only makes the writer look again.
 *   <li>{@link #offer} and {@link #append} never wait for I/O; what happens when the queue is full
 *       is the queue's policy. After {@link #close} starts, offers are refused (counted in {@link
 *       #dropped()}), {@link #append} and {@link #submit} fail with {@link WriterClosedException}.
 *   <li>A {@link #submit task} runs after every item admitted before it was submitted has been
 *       written (or dropped), in submission order.
 *   <li>{@link #flush} returns once everything admitted before it is written or dropped.
 *   <li>A batch whose write throws is rolled back ({@link BatchSink#rollback}), handed to {@link
 *       BatchSink#lost} and counted as dropped, logged once, and the writer backs off for {@link
 *       WriterOptions#failureBackoff()} (unless closing). It is never retried.
 *   <li>{@link #close} writes everything admitted before it, runs the tasks submitted before it,
 *       closes the sink and waits for the thread to end. Should the thread die, whatever is left is
 *       handed to {@link BatchSink#lost} and later calls are refused as after close.
 * </ol>
 *
 * @param <E> the queued items
 */
public final class DurableWriter<E> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableWriter.class);
  private static final long CLOSE_WAIT_MILLIS = 30_000;

  /** Work run on the writer thread. */
  @FunctionalInterface
  public interface Task<T> {
    T run() throws Exception;
  }

  private record Pending<T>(Task<T> work, long afterSeq, CompletableFuture<T> result) {}

  private final WriterOptions options;
  private final WriteQueue<E> queue;
  private final BatchSink<E> sink;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Pending<?>> tasks = new ConcurrentLinkedQueue<>();
  private final Object progress = new Object();
  private long processed; // guarded by progress
  private volatile boolean closing;
  private volatile boolean stopped;

  /**
   * The highest sequence a {@link #flush} waits for: a linger ends while the writer has not
   * processed it. A target, not a flag, so that a flush answered before the writer looked leaves
   * nothing behind that would cut a later linger short.
   */
  private final java.util.concurrent.atomic.AtomicLong flushTarget =
      new java.util.concurrent.atomic.AtomicLong();

  private volatile long batches; // written by the writer thread only
  private volatile long lost; // written by the writer thread only

  private DurableWriter(WriterOptions options, WriteQueue<E> queue, BatchSink<E> sink) {
    this.options = options;
    this.queue = queue;
    this.sink = sink;
    this.thread = Thread.ofPlatform().name(options.threadName()).daemon(true).unstarted(this::run);
  }

  /** Starts a writer thread over {@code queue} and {@code sink}; it owns the sink from now on. */
  public static <E> DurableWriter<E> start(
      WriterOptions options, WriteQueue<E> queue, BatchSink<E> sink) {
    DurableWriter<E> writer = new DurableWriter<>(options, queue, sink);
    writer.thread.start();
    return writer;
  }

  /**
   * Queues {@code item} for the next batch.
   *
   * @return false if it was refused (queue full, or closed); it is counted in {@link #dropped()}
   */
  public boolean offer(E item) {
    WriteQueue.Admission admission = queue.offer(item, options.maxBatch());
    if (admission == WriteQueue.Admission.QUEUED_WAKE) {
      LockSupport.unpark(thread);
    }
    return admission.queued();
  }

  /**
   * Queues {@code item} for the next batch, or says why not.
   *
   * @throws WriterClosedException if the writer is closed
   * @throws IllegalStateException if the queue is full
   */
  public void append(E item) {
    WriteQueue.Admission admission = queue.offer(item, options.maxBatch());
    switch (admission) {
      case QUEUED_WAKE -> LockSupport.unpark(thread);
      case QUEUED -> {}
      case CLOSED -> throw closed();
      case FULL -> throw new IllegalStateException(options.store() + ": the write queue is full");
    }
  }

  /**
   * Runs {@code work} on the writer thread once everything admitted so far is written.
   *
   * @return its result; failed with {@link WriterClosedException} after close, or with what the
   *     work threw
   */
  public <T> CompletableFuture<T> submit(Task<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closing) {
      result.completeExceptionally(closed());
      return result;
    }
    Pending<T> task = new Pending<>(work, queue.offered(), result);
    tasks.add(task);
    LockSupport.unpark(thread);
    if (stopped && tasks.remove(task)) { // lost a race with the thread's end
      result.completeExceptionally(closed());
    }
    return result;
  }

  /**
   * Blocks until everything admitted before this call is written or dropped.
   *
   * @throws WriterClosedException if the writer stopped first
   */
  public void flush() throws InterruptedException {
    long seq = queue.offered();
    if (processed() >= seq) {
      return; // nothing to hurry
    }
    flushTarget.accumulateAndGet(seq, Math::max);
    LockSupport.unpark(thread);
    synchronized (progress) {
      while (processed < seq) {
        if (stopped) {
          throw closed();
        }
        progress.wait();
      }
    }
  }

  /** Items refused or dropped by the queue, lost to failed batches, or refused after close. */
  public long dropped() {
    return queue.dropped() + lost;
  }

  /** Batches handed to the sink so far (committed or failed). */
  public long batches() {
    return batches;
  }

  /** The writer's time source, for work that measures time the way the writer does. */
  public long nanoTime() {
    return options.nanoTime().getAsLong();
  }

  /** Writes what was admitted, runs what was submitted, closes the sink. Idempotent. */
  @Override
  public void close() {
    closing = true;
    queue.close();
    LockSupport.unpark(thread);
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{} writer did not stop within {} ms", options.store(), CLOSE_WAIT_MILLIS);
    }
  }

  private WriterClosedException closed() {
    return new WriterClosedException(options.store());
  }

  private void run() {
    List<E> batch = new ArrayList<>(Math.min(options.maxBatch(), 1024));
    long idleNanos = options.idleWake().toNanos();
    try {
      while (true) {
        runTasks(batch);
        housekeep();
        linger();
        if (!writeBatch(batch)) {
          // close() raises closing before it closes the queue: close it here first, so that no
          // offer is admitted between this look at the queue and the end (it would be lost)
          if (closing) {
            queue.close();
            if (queue.isIdle() && tasks.isEmpty()) {
              return;
            }
          }
          LockSupport.parkNanos(this, idleNanos);
        }
      }
    } catch (Throwable t) {
      LOG.error("{} writer failed; nothing more is stored there", options.store(), t);
    } finally {
      finish();
    }
  }

  private void housekeep() {
    try {
      sink.housekeep();
    } catch (Exception e) {
      LOG.warn("{}: housekeeping failed; will retry", options.store(), e);
    }
  }

  /** Waits up to the linger for a partial batch to fill, unless someone waits for the writer. */
  private void linger() {
    long deadline = nanoTime() + options.linger().toNanos();
    while (true) {
      int queued = queue.size();
      if (queued == 0
          || queued >= options.maxBatch()
          || closing
          || flushTarget.get() > processed()
          || !tasks.isEmpty()) {
        break;
      }
      long left = deadline - nanoTime();
      if (left <= 0) {
        break;
      }
      park(left);
    }
  }

  /** Drains and writes one batch; false if there was nothing to write. */
  private boolean writeBatch(List<E> batch) {
    long seq = queue.drainTo(batch, options.maxBatch());
    if (batch.isEmpty()) {
      publish(seq);
      return false;
    }
    batches++;
    try {
      sink.write(batch);
    } catch (Exception e) {
      fail(batch, e);
    } finally {
      batch.clear();
      publish(seq);
    }
    return true;
  }

  private void fail(List<E> batch, Exception cause) {
    LOG.error(
        "{}: could not store a batch of {}; it is dropped", options.store(), batch.size(), cause);
    try {
      sink.rollback();
    } catch (Exception e) {
      LOG.warn("{}: rollback failed", options.store(), e);
    }
    lost += sink.lost(batch, cause, closing);
    if (!closing) {
      backOff();
    }
  }

  private void backOff() {
    long deadline = nanoTime() + options.failureBackoff().toNanos();
    for (long left; !closing && (left = deadline - nanoTime()) > 0; ) {
      park(left);
    }
  }

  /**
   * Parks for {@code nanos} of the options' time, but looks again at least every {@link
   * WriterOptions#idleWake()}: that time need not be the system's.
   */
  private void park(long nanos) {
    LockSupport.parkNanos(this, Math.min(nanos, options.idleWake().toNanos()));
  }

  private void runTasks(List<E> batch) {
    for (Pending<?> task; (task = tasks.poll()) != null; ) {
      while (processed() < task.afterSeq()) {
        writeBatch(batch);
      }
      run(task);
    }
  }

  private static <T> void run(Pending<T> task) {
    try {
      task.result().complete(task.work().run());
    } catch (Exception e) {
      task.result().completeExceptionally(e);
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

  /** The thread's end, normal or not: refuse what is left, then close the sink. */
  private void finish() {
    closing = true;
    queue.close();
    List<E> left = new ArrayList<>();
    long seq = queue.drainTo(left, Integer.MAX_VALUE);
    if (!left.isEmpty()) {
      lost += sink.lost(left, closed(), true);
    }
    synchronized (progress) {
      stopped = true;
      processed = Math.max(processed, seq);
      progress.notifyAll();
    }
    for (Pending<?> task; (task = tasks.poll()) != null; ) {
      task.result().completeExceptionally(closed());
    }
    try {
      sink.close();
    } catch (Exception e) {
      LOG.warn("could not close {}", options.store(), e);
    }
  }
}
