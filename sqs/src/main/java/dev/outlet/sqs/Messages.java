package dev.outlet.sqs;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What happens to messages: sends committed to the {@link SqsStore} before they are indexed and
 * answered, receives (with the dead-letter moves and expiries they cause) written under the queue's
 * lock, long polls parked without a thread ({@link LongPoll}), deletes, visibility changes and
 * purges. Thread-safe; owns the timer thread of the long polls.
 */
public final class Messages implements AutoCloseable {
  /** A message to send, checked ({@link MessageChecks}). */
  record Outgoing(String body, Map<String, MessageAttribute> attributes, Integer delaySeconds) {}

  private final Queues queues;
  private final SqsStore store;
  private final InstantSource clock;
  private final ScheduledExecutorService timers;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public Messages(Queues queues, SqsStore store, InstantSource clock) {
    this.queues = queues;
    this.store = store;
    this.clock = clock;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sqs-timers").unstarted(r));
  }

  Queues queues() {
    return queues;
  }

  InstantSource clock() {
    return clock;
  }

  /** Commits {@code outgoing} to queue {@code q} (all or none) and wakes its long polls. */
  List<StoredMessage> send(Queue q, List<Outgoing> outgoing) {
    long now = clock.millis();
    long seq = store.reserve(outgoing.size());
    List<StoredMessage> sent = new ArrayList<>(outgoing.size());
    for (Outgoing o : outgoing) {
      int delay = o.delaySeconds() != null ? o.delaySeconds() : q.settings().delaySeconds();
      sent.add(
          new StoredMessage(
              seq++,
              UUID.randomUUID().toString(),
              o.body(),
              o.attributes() == null ? Map.of() : o.attributes(),
              now,
              now + delay * 1000L,
              0,
              0));
    }
    store.insert(q.name(), sent);
    q.state().add(sent);
    wake(q.state());
    return sent;
  }

  /**
   * Receives up to {@code max} messages of queue {@code name}, waiting up to {@code waitSeconds}
   * for the first; {@code visibility} null takes the queue's.
   */
  CompletableFuture<List<StoredMessage>> receive(
      String name, int max, Integer visibility, int waitSeconds) {
    return receiveWithin(name, max, visibility, waitSeconds * 1000L);
  }

  /** {@link #receive} waiting up to {@code waitMillis} for the first message. */
  CompletableFuture<List<StoredMessage>> receiveWithin(
      String name, int max, Integer visibility, long waitMillis) {
    Queue q = queues.get(name);
    List<StoredMessage> now = take(name, max, visibility);
    if (!now.isEmpty() || waitMillis <= 0) {
      return CompletableFuture.completedFuture(now);
    }
    LongPoll poll =
        new LongPoll(
            q.state(),
            () -> take(name, max, visibility),
            clock.millis() + waitMillis,
            clock,
            timers,
            executor);
    poll.park();
    return poll.result();
  }

  /** One receive attempt: nothing when the queue is gone. */
  List<StoredMessage> take(String name, int max, Integer visibility) {
    Queue q;
    try {
      q = queues.get(name);
    } catch (RuntimeException gone) {
      return List.of();
    }
    RedrivePolicy redrive = q.settings().redrive();
    Queue dlq = redrive == null ? null : queues.byArn(redrive.deadLetterTargetArn());
    QueueState state = q.state();
    QueueState.Taken taken;
    synchronized (state) {
      taken =
          state.take(
              clock.millis(),
              max,
              visibility != null ? visibility : q.settings().visibilityTimeout(),
              dlq == null ? null : redrive,
              q.settings().retentionSeconds() * 1000L);
      store.received(
          taken.delivered(), dlq == null ? null : dlq.name(), taken.moved(), taken.dropped());
    }
    if (!taken.moved().isEmpty()) {
      dlq.state().add(taken.moved());
      wake(dlq.state());
    }
    if (!taken.delivered().isEmpty()) {
      wake(state); // parked polls re-arm their timers for the new visible-at instants
    }
    return taken.delivered();
  }

  /** Deletes the message {@code handle} names, if it is still there (any of its handles). */
  void delete(Queue q, String handle) {
    ReceiptHandles.Handle h = ReceiptHandles.parse(handle);
    QueueState state = q.state();
    synchronized (state) {
      if (state.get(h.seq()) != null) {
        store.delete(List.of(h.seq()));
        state.remove(h.seq());
      }
    }
  }

  /** Deletes the messages {@code handles} name that are still there, in one transaction. */
  void deleteAll(Queue q, java.util.Collection<String> handles) {
    QueueState state = q.state();
    synchronized (state) {
      List<Long> present = new ArrayList<>(handles.size());
      for (String handle : handles) {
        long seq = ReceiptHandles.parse(handle).seq();
        if (state.get(seq) != null) {
          present.add(seq);
        }
      }
      if (!present.isEmpty()) {
        store.delete(present);
        present.forEach(state::remove);
      }
    }
  }

  /** Makes the message {@code handle} names visible {@code seconds} from now. */
  void changeVisibility(Queue q, String handle, int seconds) {
    ReceiptHandles.Handle h = ReceiptHandles.parse(handle);
    QueueState state = q.state();
    long now = clock.millis();
    synchronized (state) {
      StoredMessage m = state.get(h.seq());
      if (m == null || m.receiveCount() != h.receiveCount()) {
        throw SqsError.invalidValue("ReceiptHandle", handle, "The receipt handle has expired.");
      }
      if (!m.inFlight(now)) {
        throw SqsError.MESSAGE_NOT_INFLIGHT.with(
            "Message does not exist or is not available for visibility timeout change.");
      }
      StoredMessage changed = m.visibleFrom(now + seconds * 1000L);
      store.states(List.of(changed));
      state.replace(changed);
    }
    wake(state); // parked polls re-arm their timers for the new visible-at instant
  }

  /** Deletes every message of queue {@code q}. */
  void purge(Queue q) {
    QueueState state = q.state();
    synchronized (state) {
      store.purge(q.name());
      state.clear();
    }
  }

  /** Forgets the messages of a deleted queue and ends its long polls. */
  void deleted(Queue q) {
    q.state().clear();
    wake(q.state());
  }

  private void wake(QueueState state) {
    for (Runnable r : state.wakeAll()) {
      r.run();
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
    executor.shutdownNow();
  }
}
