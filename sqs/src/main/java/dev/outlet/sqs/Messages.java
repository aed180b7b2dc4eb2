package dev.outlet.sqs;

import dev.outlet.edge.AwsException;
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
 * What happens to messages: sends, receives (with the dead-letter moves and expiries they cause),
 * long polls parked without a thread ({@link LongPoll}), deletes, visibility changes and purges.
 * Thread-safe; owns the timer thread of the long polls.
 *
 * <p>Durability and the index ({@link QueueState}), for every operation:
 *
 * <ol>
 *   <li>Nothing is answered before its write is committed ({@link Commit#await}).
 *   <li>Writes that depend on the queue's index are queued to the {@link SqsStore} while holding
 *       the queue's lock, and awaited after releasing it, so concurrent operations on one queue
 *       share a commit and the file sees their writes in the order the index made them.
 *   <li>Sends, deletes and visibility changes change the index only after their commit. A
 *       visibility change holds the queue's lock until then (its changes must reach the index in
 *       the order they reach the file); a delete takes the lock again to remove what it deleted.
 *   <li>A receive changes the index when it takes the messages (under the lock, with its write
 *       queued), so that no concurrent receive takes them too, and returns them only once that
 *       write is committed. Should the commit fail, the receive fails and the index keeps the
 *       messages taken: delivered ones stay invisible until their visibility timeout, with their
 *       receive counted, as on AWS when a response is lost on the way; moved (dead-lettered) and
 *       expired ones leave the index until the next start, which reads them back where the file
 *       still has them. A crash before the commit loses only the receive: the messages are visible
 *       again earlier, never lost.
 *   <li>A FIFO send holds the queue's lock until its commit: its deduplication ids and sequence
 *       numbers are decided under the lock, and a duplicate is answered only with a committed
 *       original. Purges and move-task steps also hold the lock until their commit.
 * </ol>
 */
public final class Messages implements AutoCloseable {
  /**
   * A message to send, checked ({@link MessageChecks}, and {@link Fifo#send} for a FIFO queue,
   * whose messages carry a group and a deduplication id).
   */
  record Outgoing(
      String body,
      Map<String, MessageAttribute> attributes,
      Integer delaySeconds,
      String groupId,
      String dedupId) {
    Outgoing(String body, Map<String, MessageAttribute> attributes, Integer delaySeconds) {
      this(body, attributes, delaySeconds, null, null);
    }
  }

  private final Queues queues;
  private final SqsStore store;
  private final InstantSource clock;
  private final ScheduledExecutorService timers;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final MoveTasks moves;

  public Messages(Queues queues, SqsStore store, InstantSource clock) {
    this.queues = queues;
    this.store = store;
    this.clock = clock;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sqs-timers").unstarted(r));
    this.moves = new MoveTasks(this, timers, executor);
  }

  /** The region's message move tasks. */
  MoveTasks moves() {
    return moves;
  }

  Queues queues() {
    return queues;
  }

  InstantSource clock() {
    return clock;
  }

  /**
   * Commits {@code outgoing} to queue {@code q} (all or none) and wakes its long polls. On a FIFO
   * queue, a message whose deduplication id was sent in the last five minutes is not enqueued
   * again: it is answered as the original (its id and sequence number, the body given).
   */
  List<StoredMessage> send(Queue q, List<Outgoing> outgoing) {
    if (q.settings().fifo()) {
      return sendFifo(q, outgoing);
    }
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
              0,
              null,
              null,
              null));
    }
    store.insert(q.name(), sent).await();
    q.state().add(sent);
    wake(q.state());
    return sent;
  }

  private List<StoredMessage> sendFifo(Queue q, List<Outgoing> outgoing) {
    QueueState state = q.state();
    boolean perGroup = q.settings().dedupPerGroup();
    int delay = q.settings().delaySeconds();
    List<StoredMessage> answered = new ArrayList<>(outgoing.size());
    synchronized (state) {
      long now = clock.millis();
      Deduplication dedup = state.dedup();
      dedup.expire(now);
      Map<String, Deduplication.Entry> batch = new java.util.HashMap<>();
      List<StoredMessage> fresh = new ArrayList<>();
      List<Deduplication.Entry> remembered = new ArrayList<>();
      long seq = store.reserve(outgoing.size());
      for (Outgoing o : outgoing) {
        if (o.groupId() == null || o.dedupId() == null) {
          throw SqsError.missing("MessageGroupId");
        }
        Map<String, MessageAttribute> attributes =
            o.attributes() == null ? Map.of() : o.attributes();
        String scope = perGroup ? o.groupId() : "";
        Deduplication.Entry seen = dedup.find(scope, o.dedupId(), now);
        if (seen == null) {
          seen = batch.get(scope + '\u0000' + o.dedupId());
        }
        if (seen != null) {
          answered.add(
              new StoredMessage(
                  seen.seq(),
                  seen.messageId(),
                  o.body(),
                  attributes,
                  now,
                  now,
                  0,
                  0,
                  o.groupId(),
                  o.dedupId(),
                  null));
          continue;
        }
        StoredMessage m =
            new StoredMessage(
                seq++,
                UUID.randomUUID().toString(),
                o.body(),
                attributes,
                now,
                now + delay * 1000L,
                0,
                0,
                o.groupId(),
                o.dedupId(),
                null);
        Deduplication.Entry e =
            new Deduplication.Entry(
                scope, o.dedupId(), m.id(), m.seq(), now + Fifo.DEDUP_WINDOW_MILLIS);
        fresh.add(m);
        remembered.add(e);
        batch.put(e.key(), e);
        answered.add(m);
      }
      if (!fresh.isEmpty()) {
        store.insert(q.name(), fresh, remembered, now).await();
        state.add(fresh);
        remembered.forEach(dedup::remember);
      }
    }
    wake(state);
    return answered;
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
    Commit commit;
    synchronized (state) {
      taken =
          state.take(
              clock.millis(),
              max,
              visibility != null ? visibility : q.settings().visibilityTimeout(),
              dlq == null ? null : redrive,
              q.settings().retentionSeconds() * 1000L);
      commit =
          store.received(
              taken.delivered(), dlq == null ? null : dlq.name(), taken.moved(), taken.dropped());
    }
    commit.await(); // outside the lock: concurrent receives, sends and deletes share the commit
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
    deleteAll(q, java.util.Collections.singletonList(handle)); // a null handle: parse refuses it
  }

  /**
   * Deletes the messages {@code handles} name that are still there, in one transaction; returns
   * once it is committed. A message deleted by a delete still committing is deleted again (a no-op
   * in the file), so that this delete too answers only once the deletion is on disk.
   */
  void deleteAll(Queue q, java.util.Collection<String> handles) {
    QueueState state = q.state();
    List<Long> present = new ArrayList<>(handles.size());
    Commit commit;
    synchronized (state) {
      for (String handle : handles) {
        long seq = ReceiptHandles.parse(handle).seq();
        if (state.get(seq) != null) {
          present.add(seq);
        }
      }
      commit = store.delete(present);
    }
    if (present.isEmpty()) {
      return;
    }
    commit.await();
    synchronized (state) {
      present.forEach(state::remove);
    }
    if (q.settings().fifo()) {
      wake(state); // the messages' groups may be receivable again
    }
  }

  /** A visibility change: the message {@code handle} names, visible {@code seconds} from now. */
  record VisibilityChange(String handle, int seconds) {}

  /** Makes the message {@code handle} names visible {@code seconds} from now. */
  void changeVisibility(Queue q, String handle, int seconds) {
    AwsException refused =
        changeVisibility(q, List.of(new VisibilityChange(handle, seconds))).getFirst();
    if (refused != null) {
      throw refused;
    }
  }

  /**
   * Applies {@code changes} in order, in one commit; returns, for each, why it was refused (an
   * invalid or expired handle, a message not in flight), or null. Holds the queue's lock until the
   * commit, so that the index takes the changes in the order the file does.
   */
  List<AwsException> changeVisibility(Queue q, List<VisibilityChange> changes) {
    QueueState state = q.state();
    List<AwsException> refused = new ArrayList<>(changes.size());
    Map<Long, StoredMessage> changed = new java.util.LinkedHashMap<>();
    synchronized (state) {
      long now = clock.millis();
      for (VisibilityChange c : changes) {
        try {
          ReceiptHandles.Handle h = ReceiptHandles.parse(c.handle());
          StoredMessage m = changed.getOrDefault(h.seq(), state.get(h.seq()));
          changed.put(
              h.seq(), changeable(m, h, c.handle(), now).visibleFrom(now + c.seconds() * 1000L));
          refused.add(null);
        } catch (AwsException e) {
          refused.add(e);
        }
      }
      if (changed.isEmpty()) {
        return refused;
      }
      store.states(List.copyOf(changed.values())).await();
      changed.values().forEach(state::replace);
    }
    wake(state); // parked polls re-arm their timers for the new visible-at instants
    return refused;
  }

  /** {@code m}, if the latest handle {@code h} names it and it is in flight at {@code now}. */
  private static StoredMessage changeable(
      StoredMessage m, ReceiptHandles.Handle h, String handle, long now) {
    if (m == null || m.receiveCount() != h.receiveCount()) {
      throw SqsError.invalidValue("ReceiptHandle", handle, "The receipt handle has expired.");
    }
    if (!m.inFlight(now)) {
      throw SqsError.MESSAGE_NOT_INFLIGHT.with(
          "Message does not exist or is not available for visibility timeout change.");
    }
    return m;
  }

  /** Deletes every message of queue {@code q}. */
  void purge(Queue q) {
    QueueState state = q.state();
    synchronized (state) {
      store.purge(q.name()).await();
      state.clear();
    }
  }

  /** Forgets the messages of a deleted queue and ends its long polls. */
  void deleted(Queue q) {
    q.state().clear();
    wake(q.state());
  }

  /**
   * Moves up to {@code max} of the messages {@code wanted} names out of queue {@code from} (those
   * not in flight), each to the queue {@code destination} picks, as if never received: written
   * while holding {@code from}'s lock, indexed in the destinations after. Returns how many moved;
   * throws {@code QueueDoesNotExist} when a destination is gone (nothing moved then).
   */
  int move(
      Queue from,
      java.util.Set<Long> wanted,
      int max,
      java.util.function.Function<StoredMessage, Queue> destination) {
    QueueState state = from.state();
    long now = clock.millis();
    List<SqsStore.Move> moves = new ArrayList<>();
    List<Queue> targets = new ArrayList<>();
    synchronized (state) {
      List<StoredMessage> taken = state.takeForMove(wanted, max, now);
      try {
        for (StoredMessage m : taken) {
          Queue to = destination.apply(m);
          targets.add(to);
          moves.add(new SqsStore.Move(to.name(), m.redriven(now)));
        }
        store.moved(moves).await();
      } catch (RuntimeException e) {
        state.add(taken); // nothing was written: they stay
        throw e;
      }
    }
    for (int i = 0; i < moves.size(); i++) {
      QueueState to = targets.get(i).state();
      to.add(List.of(moves.get(i).message()));
      wake(to);
    }
    return moves.size();
  }

  private void wake(QueueState state) {
    for (Runnable r : state.wakeAll()) {
      r.run();
    }
  }

  @Override
  public void close() {
    moves.close();
    timers.shutdownNow();
    executor.shutdownNow();
  }
}
