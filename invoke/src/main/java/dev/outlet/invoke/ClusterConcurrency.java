package dev.outlet.invoke;

import dev.outlet.core.ConcurrencyLedger;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Ticker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's admission of invocations against limits that hold across the cluster (reserved
 * concurrency, the account's unreserved share), through the grants of a {@link ConcurrencyLedger}.
 *
 * <ul>
 *   <li>Fast path, no database: an invocation is admitted at once while the node runs fewer in its
 *       scope than its grant. It allocates nothing and takes one monitor.
 *   <li>Slow path: the invocations that do not fit wait while one request (on {@code blocking})
 *       asks the ledger to grow the grant to what they all need; as many as the grant then allows
 *       run, the others are throttled (429, AWS's reason), as on one machine at the limit.
 *   <li>{@link #keep} (every {@link #KEEP_EVERY}) renews the node's leases and gives back what it
 *       no longer uses, so idle grants go to the nodes that need them.
 *   <li>Grants are trusted only for half a lease after the last renewal that succeeded: a node cut
 *       off from the database stops admitting on its own once the others may have taken its share,
 *       and its invocations get ServiceException naming the database.
 * </ul>
 *
 * <p>One owner per structure: the scopes are guarded by this object's monitor; the ledger is
 * written under {@link #writing}, in an order that keeps a node's grant in memory never above its
 * grant in the ledger (a grant grows in the ledger first, shrinks in memory first).
 */
public final class ClusterConcurrency implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterConcurrency.class);

  /** How often a node renews its grants and gives back surplus. */
  public static final java.time.Duration KEEP_EVERY = java.time.Duration.ofSeconds(2);

  /** The scope of functions without reserved concurrency: the account's unreserved share. */
  static final String ACCOUNT = "account";

  /** An admission granted at once. */
  static final CompletableFuture<Void> ADMITTED = CompletableFuture.completedFuture(null);

  private final ConcurrencyLedger ledger;
  private final Executor blocking;
  private final Ticker ticker;
  private final long trustNanos;
  private final ReentrantLock writing = new ReentrantLock();
  private final Map<String, Scope> scopes = new HashMap<>();
  private long trustedUntil;

  /** One scope's state on this node; guarded by the gate's monitor. */
  private static final class Scope {
    final String name;
    final String reason;
    int limit;
    int granted;
    int inFlight;
    boolean growing;
    final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    Scope(String name, String reason) {
      this.name = name;
      this.reason = reason;
    }
  }

  public ClusterConcurrency(ConcurrencyLedger ledger, Executor blocking, Ticker ticker) {
    this.ledger = ledger;
    this.blocking = blocking;
    this.ticker = ticker;
    this.trustNanos = ledger.lease().toNanos() / 2;
    this.trustedUntil = ticker.nanos() + trustNanos;
  }

  /**
   * Admits one invocation of {@code function}: {@link #ADMITTED} at once, else a future that
   * completes when it may run, or fails with TooManyRequestsException (the limit is used up across
   * the cluster) or ServiceException (the ledger cannot be reached). Each admission is ended by one
   * {@link #exit} with the same arguments.
   *
   * @param reserved the function's reserved concurrency, or -1
   * @param unreserved the account's concurrency left by every reservation
   */
  public CompletableFuture<Void> enter(String function, int reserved, int unreserved) {
    boolean own = reserved >= 0;
    String key = own ? function : ACCOUNT;
    CompletableFuture<Void> wait;
    synchronized (this) {
      Scope s = scopes.get(key);
      if (s == null) {
        s =
            new Scope(
                own ? "function:" + function : ACCOUNT,
                own ? PoolPolicy.RESERVED_LIMIT : PoolPolicy.ACCOUNT_LIMIT);
        scopes.put(key, s);
      }
      s.limit = own ? reserved : unreserved;
      if (s.inFlight < s.granted && s.waiting.isEmpty() && ticker.nanos() < trustedUntil) {
        s.inFlight++;
        return ADMITTED;
      }
      wait = new CompletableFuture<>();
      s.waiting.add(wait);
      if (!s.growing) {
        s.growing = true;
        Scope grow = s;
        blocking.execute(() -> grow(grow));
      }
    }
    return wait;
  }

  /** Ends an admission of {@code function} ({@link #enter}'s arguments). */
  public synchronized void exit(String function, int reserved) {
    Scope s = scopes.get(reserved >= 0 ? function : ACCOUNT);
    if (s != null && s.inFlight > 0) {
      s.inFlight--;
    }
  }

  /** Asks the ledger for what the scope's waiting invocations need, then admits or refuses them. */
  private void grow(Scope s) {
    List<CompletableFuture<Void>> admit = new ArrayList<>();
    List<CompletableFuture<Void>> refuse = new ArrayList<>();
    LambdaException failure = null;
    writing.lock();
    try {
      int want;
      int limit;
      int asked;
      synchronized (this) {
        asked = s.waiting.size();
        want = s.inFlight + asked;
        limit = s.limit;
      }
      int got = -1;
      try {
        got = ledger.grow(s.name, want, limit);
      } catch (RuntimeException e) {
        LOG.warn("cannot grow this node's concurrency grant in {}: {}", s.name, e.getMessage());
        failure =
            new LambdaException(
                ErrorCode.SERVICE,
                "Outlet cannot count this invocation against the cluster's concurrency limits: its"
                    + " database does not answer ("
                    + e.getMessage()
                    + ").");
      }
      synchronized (this) {
        if (got >= 0) {
          s.granted = got;
        }
        for (int i = 0; i < asked && !s.waiting.isEmpty(); i++) {
          CompletableFuture<Void> w = s.waiting.poll();
          if (failure == null && s.inFlight < s.granted) {
            s.inFlight++;
            admit.add(w);
          } else {
            refuse.add(w);
          }
        }
        s.growing = !s.waiting.isEmpty(); // arrived while the ledger was asked: another round
        if (s.growing) {
          blocking.execute(() -> grow(s));
        }
      }
    } finally {
      writing.unlock();
    }
    admit.forEach(w -> w.complete(null));
    LambdaException refused = failure != null ? failure : LambdaException.throttled(s.reason);
    refuse.forEach(w -> w.completeExceptionally(refused));
  }

  /**
   * Renews this node's grants and gives back what each scope does not use now; called every {@link
   * #KEEP_EVERY} on a blocking thread.
   */
  public void keep() {
    writing.lock();
    try {
      Map<String, Integer> shrunk = new HashMap<>();
      long started = ticker.nanos();
      synchronized (this) {
        for (Scope s : scopes.values()) {
          if (!s.growing && s.granted > s.inFlight) {
            s.granted = s.inFlight; // in memory first: never admit more than the ledger holds
            shrunk.put(s.name, s.inFlight);
          }
        }
      }
      java.util.Set<String> held = ledger.keep(shrunk);
      synchronized (this) {
        for (Scope s : scopes.values()) {
          if (!held.contains(s.name) && !s.growing) {
            s.granted = 0; // its lease ran out: the others may have taken it
          }
        }
        trustedUntil = started + trustNanos;
      }
    } finally {
      writing.unlock();
    }
  }

  /** From now on every scope is refused at once (the node stops); the ledger is its stores'. */
  @Override
  public synchronized void close() {
    trustedUntil = Long.MIN_VALUE;
  }
}
