package dev.outlet.sqs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory index of one queue's messages, their sole owner: messages by sequence number and
 * ordered by when they are visible, a FIFO queue's deduplication ids, and the long polls parked on
 * the queue. A FIFO queue's receives follow {@link FifoOrder}. Pure (times are given); every method
 * holds this object's lock, which {@link Messages} also holds around a receive and its durable
 * write so the two agree.
 */
final class QueueState {
  private static final Comparator<StoredMessage> BY_VISIBILITY =
      Comparator.comparingLong(StoredMessage::visibleAt).thenComparingLong(StoredMessage::seq);

  private final String name;
  private final boolean fifo;
  private final TreeMap<Long, StoredMessage> bySeq = new TreeMap<>();
  private final Deduplication dedup = new Deduplication();
  private final TreeSet<StoredMessage> byVisibility = new TreeSet<>(BY_VISIBILITY);
  private final Set<Runnable> waiters = new LinkedHashSet<>();

  QueueState(String name, boolean fifo) {
    this.name = name;
    this.fifo = fifo;
  }

  String name() {
    return name;
  }

  /** The deduplication ids; the caller holds this object's lock. */
  Deduplication dedup() {
    return dedup;
  }

  /** What one receive took: delivered, moved to the dead-letter queue, dropped as expired. */
  record Taken(List<StoredMessage> delivered, List<StoredMessage> moved, List<Long> dropped) {
    boolean isEmpty() {
      return delivered.isEmpty() && moved.isEmpty() && dropped.isEmpty();
    }
  }

  /** The message counts of {@code GetQueueAttributes}. */
  record Counts(long visible, long inFlight, long delayed) {}

  synchronized void add(List<StoredMessage> messages) {
    for (StoredMessage m : messages) {
      StoredMessage old = bySeq.put(m.seq(), m);
      if (old != null) {
        byVisibility.remove(old);
      }
      byVisibility.add(m);
    }
  }

  /**
   * Takes up to {@code max} messages visible at {@code now}, earliest visible first: each is
   * received (invisible for {@code visibilitySeconds}), or, when {@code redrive} allows no more
   * receives, moved out (to the dead-letter queue) and not delivered; messages older than {@code
   * retentionMillis} are dropped.
   */
  synchronized Taken take(
      long now, int max, int visibilitySeconds, RedrivePolicy redrive, long retentionMillis) {
    if (fifo) {
      Taken taken =
          FifoOrder.take(
              bySeq.values(), name, now, max, visibilitySeconds, redrive, retentionMillis);
      taken.dropped().forEach(this::remove);
      taken.moved().forEach(m -> remove(m.seq()));
      taken.delivered().forEach(this::replace);
      return taken;
    }
    List<StoredMessage> delivered = new ArrayList<>();
    List<StoredMessage> moved = new ArrayList<>();
    List<Long> dropped = new ArrayList<>();
    while (delivered.size() < max && !byVisibility.isEmpty()) {
      StoredMessage m = byVisibility.first();
      if (m.visibleAt() > now) {
        break;
      }
      byVisibility.pollFirst();
      if (m.sentAt() + retentionMillis <= now) {
        bySeq.remove(m.seq());
        dropped.add(m.seq());
      } else if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()) {
        bySeq.remove(m.seq());
        moved.add(m.deadLettered(now, name));
      } else {
        StoredMessage r = m.received(now, visibilitySeconds);
        bySeq.put(r.seq(), r);
        delivered.add(r);
      }
    }
    byVisibility.addAll(delivered); // after the loop: a zero timeout must not deliver one twice
    return new Taken(delivered, moved, dropped);
  }

  /** The message {@code seq}, or null. */
  synchronized StoredMessage get(long seq) {
    return bySeq.get(seq);
  }

  /** Removes message {@code seq}; whether it was there. */
  synchronized boolean remove(long seq) {
    StoredMessage m = bySeq.remove(seq);
    if (m != null) {
      byVisibility.remove(m);
    }
    return m != null;
  }

  /** Replaces a message by its new state (same sequence number). */
  synchronized void replace(StoredMessage m) {
    StoredMessage old = bySeq.put(m.seq(), m);
    if (old != null) {
      byVisibility.remove(old);
    }
    byVisibility.add(m);
  }

  /**
   * Takes out up to {@code max} of the messages {@code wanted} names that are here and not in
   * flight at {@code now}, in sequence order (a move task's next step); the caller writes the move
   * while holding this object's lock.
   */
  synchronized List<StoredMessage> takeForMove(Set<Long> wanted, int max, long now) {
    List<StoredMessage> taken = new ArrayList<>();
    for (StoredMessage m : List.copyOf(bySeq.values())) {
      if (taken.size() >= max) {
        break;
      }
      if (wanted.contains(m.seq()) && !m.inFlight(now)) {
        remove(m.seq());
        taken.add(m);
      }
    }
    return taken;
  }

  /** Which of {@code seqs} are still here. */
  synchronized Set<Long> present(Set<Long> seqs) {
    Set<Long> here = new java.util.HashSet<>(seqs);
    here.retainAll(bySeq.keySet());
    return here;
  }

  /** The sequence numbers of the messages here. */
  synchronized Set<Long> seqs() {
    return Set.copyOf(bySeq.keySet());
  }

  /** Removes every message; their sequence numbers. */
  synchronized List<Long> clear() {
    List<Long> seqs = new ArrayList<>(bySeq.keySet());
    bySeq.clear();
    byVisibility.clear();
    return seqs;
  }

  synchronized Counts counts(long now) {
    long visible = 0;
    long inFlight = 0;
    long delayed = 0;
    for (StoredMessage m : byVisibility) {
      if (m.inFlight(now)) {
        inFlight++;
      } else if (m.delayed(now)) {
        delayed++;
      } else {
        visible++;
      }
    }
    return new Counts(visible, inFlight, delayed);
  }

  /**
   * When the next message is visible (at or before now when one already is), or Long.MAX_VALUE when
   * the queue is empty: a parked long poll retries then.
   */
  synchronized long nextVisibleAt() {
    if (fifo) {
      return FifoOrder.nextTakeable(bySeq.values());
    }
    return byVisibility.isEmpty() ? Long.MAX_VALUE : byVisibility.first().visibleAt();
  }

  /** Parks {@code wake}, run (once) by the next {@link #wakeAll}. */
  synchronized void park(Runnable wake) {
    waiters.add(wake);
  }

  /** Forgets {@code wake} (its long poll is over). */
  synchronized void unpark(Runnable wake) {
    waiters.remove(wake);
  }

  /** Unparks every parked long poll; the caller runs them outside this lock. */
  synchronized List<Runnable> wakeAll() {
    List<Runnable> woken = List.copyOf(waiters);
    waiters.clear();
    return woken;
  }

  synchronized int size() {
    return bySeq.size();
  }
}
