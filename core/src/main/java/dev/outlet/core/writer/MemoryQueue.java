package dev.outlet.core.writer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** {@link WriteQueue#bounded} and {@link WriteQueue#unbounded}: one lock, refuses the newest. */
final class MemoryQueue<E> implements WriteQueue<E> {

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<E> items = new ArrayDeque<>();
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private long offered; // guarded by lock
  private boolean closed; // guarded by lock

  MemoryQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public Admission offer(E item, int wakeAt) {
    lock.lock();
    try {
      if (closed) {
        dropped.incrementAndGet();
        return Admission.CLOSED;
      }
      if (items.size() >= capacity) {
        dropped.incrementAndGet();
        return Admission.FULL;
      }
      items.addLast(item);
      offered++;
      int size = items.size();
      return size == 1 || size == wakeAt ? Admission.QUEUED_WAKE : Admission.QUEUED;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long drainTo(List<E> into, int max) {
    lock.lock();
    try {
      for (int i = 0; i < max && !items.isEmpty(); i++) {
        into.add(items.pollFirst());
      }
      return offered - items.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long offered() {
    lock.lock();
    try {
      return offered;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isIdle() {
    return size() == 0;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long dropped() {
    return dropped.get();
  }
}
