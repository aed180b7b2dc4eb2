package dev.outlet.core.writer;

import java.util.List;

/**
 * The queue between appenders and a {@link DurableWriter}: any thread offers, only the writer
 * drains. Implementations decide what happens when it is full (refuse the newest, drop the oldest)
 * and must make {@link #offer} cheap: a lock held for a few field updates at most.
 *
 * <p>Sequence numbers count admitted items in offer order; an item the queue drops after admitting
 * it still counts as {@linkplain #drainTo passed}.
 *
 * @param <E> the queued items
 */
public interface WriteQueue<E> {

  /** What {@link #offer} did. */
  enum Admission {
    /** Queued; the writer may be asleep (the queue was empty, or holds a full batch now). */
    QUEUED_WAKE,
    /** Queued behind others; the writer will get to it. */
    QUEUED,
    /** Refused: the queue is full (counted in {@link #dropped()}). */
    FULL,
    /** Refused: the queue is closed (counted in {@link #dropped()}). */
    CLOSED;

    public boolean queued() {
      return this == QUEUED_WAKE || this == QUEUED;
    }
  }

  /**
   * Admits {@code item} unless full or closed.
   *
   * @param wakeAt the queue length at which the writer should be woken (its batch size)
   */
  Admission offer(E item, int wakeAt);

  /**
   * Moves up to {@code max} of the oldest items into {@code into}.
   *
   * @return the sequence number up to which every admitted item is now drained or dropped
   */
  long drainTo(List<E> into, int max);

  /** The sequence number of the newest admitted item. */
  long offered();

  /** Items queued now. */
  int size();

  /** Whether a drain would hand nothing over. */
  boolean isIdle();

  /** Refuses every later offer; what is queued stays to be drained. */
  void close();

  /** Items refused or dropped by the queue itself. */
  long dropped();

  /** A queue of at most {@code capacity} items that refuses new ones when full. */
  static <E> WriteQueue<E> bounded(int capacity) {
    return new MemoryQueue<>(capacity);
  }

  /** A queue without bound (its items are bounded by their callers, who wait for them). */
  static <E> WriteQueue<E> unbounded() {
    return new MemoryQueue<>(Integer.MAX_VALUE);
  }
}
