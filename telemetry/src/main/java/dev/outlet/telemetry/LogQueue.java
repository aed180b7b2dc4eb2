package dev.outlet.telemetry;

import dev.outlet.core.writer.WriteQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between appenders and the writer: a preallocated ring of events, bounded by
 * count and by {@link PendingEvent#cost() bytes}, that drops its oldest events to admit new ones.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Any thread may {@link #offer}; exactly one thread (the writer) may {@link #drain}.
 *   <li>{@code offer} never waits for anything but the queue's own lock, which is held only for a
 *       few field updates: no I/O, no allocation beyond a gap record under overload.
 *   <li>Every offered event is eventually either drained or counted in {@link #dropped()} and in
 *       the gaps handed to the next drain; sequence numbers count both, in offer order.
 *   <li>The newest event is always admitted, even alone over the byte budget, unless the queue is
 *       closed: then it is refused and counted as dropped.
 * </ol>
 */
final class LogQueue implements WriteQueue<LogItem> {

  private final ReentrantLock lock = new ReentrantLock();
  private final PendingEvent[] ring;
  private final long maxBytes;
  private int head;
  private int size;
  private long bytes;
  private long offered;
  private long removed;
  private Map<StreamKey, Gap> gaps = new HashMap<>();
  private boolean closed;
  private volatile long dropped;

  LogQueue(int maxEvents, long maxBytes) {
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("queue bounds must be positive");
    }
    this.ring = new PendingEvent[maxEvents];
    this.maxBytes = maxBytes;
  }

  /**
   * Adds {@code item} (a {@link PendingEvent}), dropping the oldest events as needed to stay within
   * bounds.
   *
   * @param wakeAt the queue length at which the writer is asked for too (its batch size: a full
   *     batch should not wait for the writer's linger to end)
   * @return {@link Admission#QUEUED_WAKE} if the queue was empty or now holds {@code wakeAt} events
   */
  @Override
  public Admission offer(LogItem item, int wakeAt) {
    if (!(item instanceof PendingEvent event)) {
      throw new IllegalArgumentException("only appended events are queued: " + item);
    }
    long cost = event.cost();
    lock.lock();
    try {
      if (closed) {
        dropped++;
        return Admission.CLOSED;
      }
      boolean wasEmpty = size == 0;
      while (size > 0 && (size == ring.length || bytes + cost > maxBytes)) {
        dropHead();
      }
      ring[(head + size) % ring.length] = event;
      size++;
      bytes += cost;
      offered++;
      return wasEmpty || size == wakeAt ? Admission.QUEUED_WAKE : Admission.QUEUED;
    } finally {
      lock.unlock();
    }
  }

  private void dropHead() {
    PendingEvent old = ring[head];
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
    bytes -= old.cost();
    removed++;
    dropped++;
    gaps.computeIfAbsent(old.key(), k -> new Gap()).add(1, old.timestamp());
  }

  /**
   * Moves a notice for every gap recorded so far, then up to {@code max} of the oldest events, into
   * {@code into}.
   *
   * @return the sequence number up to which every offered event is now drained or dropped
   */
  @Override
  public long drainTo(List<LogItem> into, int max) {
    List<PendingEvent> events = new ArrayList<>(Math.min(max, size()));
    Map<StreamKey, Gap> drainedGaps = new LinkedHashMap<>();
    long seq = drain(events, max, drainedGaps);
    drainedGaps.forEach((key, gap) -> into.add(gap.notice(key)));
    into.addAll(events);
    return seq;
  }

  /**
   * Moves up to {@code max} of the oldest events into {@code into}, and every gap recorded so far
   * into {@code gapsInto}.
   *
   * @return the sequence number up to which every offered event is now drained or dropped
   */
  long drain(List<PendingEvent> into, int max, Map<StreamKey, Gap> gapsInto) {
    lock.lock();
    try {
      int n = Math.min(max, size);
      for (int i = 0; i < n; i++) {
        PendingEvent e = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        bytes -= e.cost();
        into.add(e);
      }
      size -= n;
      removed += n;
      if (!gaps.isEmpty()) {
        gapsInto.putAll(gaps);
        gaps = new HashMap<>();
      }
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts {@code count} events lost after they were drained (a failed write; 0 when the writer
   * counts them); with {@code notice}, the next drain hands {@code gapsLost} over again so the
   * writer can announce them.
   */
  void lost(Map<StreamKey, Gap> gapsLost, long count, boolean notice) {
    lock.lock();
    try {
      dropped += count;
      if (notice) {
        for (Map.Entry<StreamKey, Gap> g : gapsLost.entrySet()) {
          gaps.computeIfAbsent(g.getKey(), k -> new Gap()).merge(g.getValue());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses (and counts) every later offer; what is queued stays to be drained. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** The sequence number of the newest offered event. */
  @Override
  public long offered() {
    lock.lock();
    try {
      return offered;
    } finally {
      lock.unlock();
    }
  }

  /** Events queued now. */
  @Override
  public int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isIdle() {
    lock.lock();
    try {
      return size == 0 && gaps.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Events dropped so far (overload, closed), for a metric. */
  @Override
  public long dropped() {
    return dropped;
  }
}
