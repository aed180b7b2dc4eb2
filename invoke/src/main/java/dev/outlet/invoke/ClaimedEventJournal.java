package dev.outlet.invoke;

import dev.outlet.core.ClaimQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventJournal} of a cluster's node: accepted events in the {@link ClaimQueue} the nodes
 * share (queue {@value #QUEUE}), each held by the node that runs it under a lease.
 *
 * <ul>
 *   <li>{@link #record} adds the event already claimed by this node, which runs it: it is durable
 *       in the shared database when the client hears 202.
 *   <li>{@link #renew} (every {@link #RENEW_EVERY}) extends the leases of everything this node
 *       still holds, waiting retries included, in one statement.
 *   <li>{@link #pending} claims the events whose leases ran out: those of a node that died or lost
 *       the database. Each node calls it every {@link #RENEW_EVERY}, so a dead node's events run
 *       again on one survivor within a lease and a tick, one claim per attempt.
 *   <li>{@link #settle} deletes the event if this node still holds it, off the caller's thread; a
 *       settlement the database refused is tried again on the next renewal (until then the node
 *       keeps renewing the event, so nobody runs it again).
 *   <li>{@link #close} gives back what this node still holds, so that a node stopped on purpose
 *       hands its events to the others at once instead of after their leases.
 * </ul>
 */
public final class ClaimedEventJournal implements EventJournal {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimedEventJournal.class);
  public static final String QUEUE = "events";

  /** How long a node holds an event without renewing it. */
  public static final Duration LEASE = Duration.ofSeconds(20);

  /** How often a node renews its leases and looks for events nobody holds. */
  public static final Duration RENEW_EVERY = Duration.ofSeconds(5);

  private static final int TAKE_AT_ONCE = 64;

  private final ClaimQueue queue;
  private final String owner;
  private final InstantSource clock;
  private final Duration lease;
  private final Set<String> unsettled = ConcurrentHashMap.newKeySet();
  private final ExecutorService settling = Executors.newVirtualThreadPerTaskExecutor();

  public ClaimedEventJournal(ClaimQueue queue, String owner, InstantSource clock, Duration lease) {
    this.queue = queue;
    this.owner = owner;
    this.clock = clock;
    this.lease = lease;
  }

  /** Who holds this node's events in the queue. */
  public String owner() {
    return owner;
  }

  @Override
  public void record(String functionName, InvokeRequest request) {
    queue.addClaimed(
        QUEUE,
        request.requestId(),
        EventBody.encode(new Pending(functionName, request)),
        owner,
        clock.instant(),
        lease);
  }

  @Override
  public void settle(String requestId) {
    try {
      settling.execute(() -> settleNow(requestId));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // stopping: the event's lease runs out and another node runs it again (at least once)
    }
  }

  private void settleNow(String requestId) {
    try {
      queue.settle(QUEUE, requestId, owner);
      unsettled.remove(requestId);
    } catch (RuntimeException e) {
      LOG.warn("event {}: cannot settle it yet ({}); trying again", requestId, e.getMessage());
      unsettled.add(requestId);
    }
  }

  /**
   * Takes the events whose leases ran out (a stopped node's), leased to this node, oldest first. A
   * body that cannot be read is settled and logged: no node could run it.
   */
  @Override
  public List<Pending> pending() {
    List<Pending> out = new ArrayList<>();
    for (ClaimQueue.Claimed c : queue.claim(QUEUE, owner, TAKE_AT_ONCE, clock.instant(), lease)) {
      try {
        out.add(EventBody.decode(c.body()));
      } catch (EventBody.Malformed e) {
        LOG.error("event {} dropped: its stored form cannot be read ({})", c.id(), e.getMessage());
        queue.settle(QUEUE, c.id(), owner);
      }
    }
    return out;
  }

  /**
   * Extends this node's leases and retries the settlements the database refused; how many leases it
   * extended.
   */
  public int renew() {
    for (String id : List.copyOf(unsettled)) {
      settleNow(id);
    }
    return queue.renewAll(QUEUE, owner, clock.instant(), lease);
  }

  /** Waits briefly for settlements under way, then gives back what this node still holds. */
  @Override
  public void close() {
    settling.shutdown();
    try {
      settling.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      int given = queue.releaseAll(QUEUE, owner);
      if (given > 0) {
        LOG.info("{} Event invocations handed back for the other nodes", given);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot hand back this node's events ({}); they return after their leases",
          e.getMessage());
    }
  }
}
