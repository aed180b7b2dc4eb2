package dev.outlet.invoke;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Ticker;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.SandboxLaunchException;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.SandboxState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The warm and cold sandboxes of every function, and the concurrency limits.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>This pool is the only writer of its idle lists and in-flight counters, all guarded by its
 *       lock: its books ({@code PoolSlots}, {@code Reservations}, {@code ProvisionBook}) are not
 *       thread-safe and only it calls them. Sandboxes are stopped outside the lock.
 *   <li>Every {@link #acquire} that returns a lease is matched by exactly one {@link #giveBack}.
 *   <li>An idle sandbox is reused only for the same {@link SandboxSpec#key()}: each key (a
 *       function's {@code $LATEST} and each published version) has its own idle list, so versions
 *       invoked in turn all stay warm. The control plane says which keys are live ({@link
 *       #retainKeys}): idle sandboxes of other keys are stopped, in-flight ones finish and are then
 *       stopped.
 *   <li>Idle sandboxes are reclaimed after the keep-warm time by {@link #reap}, measured on the
 *       injected {@link Ticker}.
 *   <li>Every decision (throttle, warm pick, spawn, reclaim) is {@link PoolPolicy}'s, taken on a
 *       snapshot of this pool's state; the pool only applies it.
 * </ol>
 */
public final class SandboxPool implements AutoCloseable {
  private final SandboxFactory factory;
  private final Executor launcher;
  private final int accountLimit;
  private final long keepWarmNanos;
  private final Ticker ticker;

  /** Each function's idle lists and invocations in flight. */
  private final PoolSlots slots = new PoolSlots();

  /** Reserved concurrency, and the invocations in flight no reservation covers. */
  private final Reservations reservations = new Reservations();

  private final Set<Sandbox> live = new HashSet<>();

  /** Provisioned concurrency: what is wanted, and which live sandboxes serve it. */
  private final ProvisionBook provisions = new ProvisionBook();

  private int launching;
  private boolean closed;

  /**
   * @param ticker the time idle sandboxes are measured against: the one their factory was given
   */
  public SandboxPool(
      SandboxFactory factory,
      Executor launcher,
      int accountLimit,
      long keepWarmNanos,
      Ticker ticker) {
    this.factory = factory;
    this.launcher = launcher;
    this.accountLimit = accountLimit;
    this.keepWarmNanos = keepWarmNanos;
    this.ticker = ticker;
  }

  /**
   * From now on {@code function} keeps exactly these provisioned sandboxes initialized ahead of
   * invocations (spec → count): missing ones start now, surplus idle ones stop, specs no longer
   * named are released (their serving sandboxes finish as on-demand ones).
   */
  public void provision(String function, Map<SandboxSpec, Integer> wanted) {
    List<Sandbox> surplus = new ArrayList<>();
    ProvisionBook.Plan plan;
    synchronized (this) {
      plan = provisions.want(function, wanted);
      for (ProvisionBook.Provision p : plan.trimmed()) {
        PoolSlot slot = slots.find(p.spec.functionName());
        if (slot != null) {
          surplus.addAll(provisions.trim(p, slot.idle(p.spec.key())));
        }
      }
    }
    surplus.forEach(this::stopAndForget);
    plan.toStart().forEach(this::startProvisioned);
  }

  /** The progress of a spec's provisioned sandboxes (nothing wanted: 0, no failure). */
  public synchronized ProvisionProgress provisionProgress(String key) {
    return provisions.progress(key);
  }

  /** Starts one provisioned sandbox; once initialized it waits, idle, for invocations. */
  private void startProvisioned(SandboxSpec spec) {
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return factory.start(spec, null, true);
              } catch (SandboxLaunchException e) {
                throw new CompletionException(e);
              }
            },
            launcher)
        .whenComplete(
            (sandbox, error) -> {
              if (error != null) {
                provisionFailed(spec.key(), rootMessage(error));
                return;
              }
              sandbox.onTerminated(this::terminated);
              boolean kept;
              synchronized (this) {
                kept = !closed && provisions.started(sandbox, spec);
                if (kept) {
                  live.add(sandbox);
                }
              }
              if (!kept) {
                sandbox.stop();
                return;
              }
              sandbox.ready().thenRun(() -> provisionedReady(sandbox));
            });
  }

  private void provisionedReady(Sandbox sandbox) {
    boolean keep;
    synchronized (this) {
      keep = !closed && sandbox.state() == SandboxState.IDLE && provisions.initialized(sandbox);
      if (keep) {
        sandbox.takeInitMillis(); // init was ahead of time: no Init Duration on its invocations
        slots.of(sandbox.spec().functionName()).idle(sandbox.spec().key()).addFirst(sandbox);
      }
    }
    if (!keep) {
      stopAndForget(sandbox);
    }
  }

  private synchronized void provisionFailed(String key, String reason) {
    provisions.failed(key, reason);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  /** Records a function's reserved concurrency (-1 to remove it). */
  public synchronized void reserve(String function, int reserved) {
    reservations.reserve(function, reserved);
  }

  /** A function's reserved concurrency, or -1. */
  public synchronized int reservation(String function) {
    return reservations.of(function);
  }

  /** The account's concurrency left by every reservation. */
  public synchronized int unreserved() {
    return accountLimit - reservations.total();
  }

  public synchronized int accountLimit() {
    return accountLimit;
  }

  public synchronized int reservedTotal() {
    return reservations.total();
  }

  /**
   * Lends a sandbox for {@code spec}, as {@link PoolPolicy#decide} says: an idle one (preferably
   * last served on the calling thread, else the most recently used), or a new one.
   *
   * @throws LambdaException TooManyRequestsException with the Reason when a limit is reached
   */
  public Lease acquire(SandboxSpec spec) {
    Lease lease;
    synchronized (this) {
      if (closed) {
        throw new LambdaException(dev.outlet.core.ErrorCode.SERVICE, "Outlet is shutting down.");
      }
      PoolSlot slot = slots.of(spec.functionName());
      int reserved = reservations.of(spec.functionName());
      ArrayDeque<Sandbox> idle = slot.idle(spec.key());
      PoolPolicy.Decision decision =
          PoolPolicy.decide(
              new PoolPolicy.Demand(
                  slot.inFlight,
                  reserved,
                  idle.size(),
                  PoolSlot.servedHere(idle, Thread.currentThread()),
                  reservations.unreservedInFlight(),
                  accountLimit,
                  reservations.total(),
                  launching));
      Sandbox warm =
          switch (decision) {
            case PoolPolicy.Throttle t -> throw LambdaException.throttled(t.reason());
            case PoolPolicy.UseWarm w -> PoolSlot.takeIdle(idle, w.rank());
            case PoolPolicy.Spawn spawn -> null;
          };
      slots.lent(slot);
      boolean isReserved = reserved >= 0;
      reservations.lent(isReserved);
      ProvisionedUse use = provisions.use(spec, idle, warm);
      lease =
          warm != null
              ? new Lease(
                  spec.functionName(),
                  isReserved,
                  false,
                  CompletableFuture.completedFuture(warm),
                  use)
              : new Lease(
                  spec.functionName(),
                  isReserved,
                  true,
                  launch(spec, decision == PoolPolicy.Spawn.NEAR ? Thread.currentThread() : null),
                  use);
    }
    return lease;
  }

  /**
   * Starts a sandbox on a launcher thread, its Runtime API served near {@code near} if not null.
   * Called with the lock held.
   */
  private CompletableFuture<Sandbox> launch(SandboxSpec spec, Thread near) {
    launching++;
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Sandbox s;
            try {
              s = factory.start(spec, near);
            } finally {
              synchronized (this) {
                launching--;
              }
            }
            s.onTerminated(this::terminated);
            boolean keep;
            synchronized (this) {
              keep = !closed && live.add(s);
            }
            if (!keep) {
              s.stop();
              throw new CompletionException(
                  new SandboxLaunchException(
                      FunctionErrorType.SANDBOX_FAILURE, "Outlet is shutting down"));
            }
            return s;
          } catch (SandboxLaunchException e) {
            throw new CompletionException(e);
          }
        },
        launcher);
  }

  /**
   * Ends a lease. A healthy sandbox of the function's current spec goes back to the idle list;
   * anything else is stopped.
   *
   * @param sandbox the lease's sandbox, or null when it never started
   */
  public void giveBack(Lease lease, Sandbox sandbox, boolean healthy) {
    boolean keep;
    synchronized (this) {
      PoolSlot slot = slots.find(lease.function());
      if (slot != null) {
        slots.returned(slot);
      }
      reservations.returned(lease.reserved());
      keep =
          healthy
              && !closed
              && sandbox != null
              && slot != null
              && slot.live(sandbox.spec().key())
              && sandbox.state() == SandboxState.BUSY;
      if (keep) {
        sandbox.release();
        slot.idle(sandbox.spec().key()).addFirst(sandbox);
      }
    }
    if (!keep && sandbox != null) {
      stopAndForget(sandbox);
    }
  }

  /** Retires all of a function's sandboxes: it was deleted. */
  public void retire(String function) {
    retainKeys(function, Set.of());
  }

  /**
   * From now on only sandboxes of these spec keys (the function's {@code $LATEST} and published
   * versions as they are now) are kept: idle ones of other keys are stopped here, busy ones when
   * they are given back.
   */
  public void retainKeys(String function, Set<String> keys) {
    List<Sandbox> dead;
    synchronized (this) {
      if (keys.isEmpty() && slots.find(function) == null) {
        return;
      }
      PoolSlot slot = slots.of(function);
      slot.liveKeys = Set.copyOf(keys);
      dead = slot.dropDead();
      if (keys.isEmpty() && slot.inFlight == 0) {
        slots.remove(function);
      }
    }
    dead.forEach(this::stopAndForget);
  }

  /**
   * Stops the idle sandboxes {@link PoolPolicy#reclaim} picks at the ticker's current time: those
   * idle for at least the keep-warm time. Returns how many.
   */
  public int reap() {
    List<Sandbox> expired;
    synchronized (this) {
      expired = slots.reclaim(ticker.nanos(), keepWarmNanos, provisions::isProvisioned);
    }
    expired.forEach(this::stopAndForget);
    return expired.size();
  }

  /** The live sandboxes of {@code function} (every function's when null), oldest first. */
  public List<SandboxView> view(String function) {
    List<Sandbox> chosen = new ArrayList<>();
    Set<Sandbox> provisioned = new HashSet<>();
    synchronized (this) {
      for (Sandbox s : live) {
        if (function == null || function.equals(s.spec().functionName())) {
          chosen.add(s);
          if (provisions.isProvisioned(s)) {
            provisioned.add(s);
          }
        }
      }
    }
    long now = ticker.nanos();
    List<SandboxView> out = new ArrayList<>(chosen.size());
    for (Sandbox s : chosen) { // each sandbox's own lock, outside the pool's
      out.add(SandboxView.of(s, provisioned.contains(s), now));
    }
    out.sort(java.util.Comparator.comparingLong(SandboxView::ageMillis).reversed());
    return out;
  }

  /** Counts for metrics and tests. */
  public synchronized PoolCounts counts() {
    return slots.counts(live.size());
  }

  /**
   * What placement reads of this pool for an invocation of {@code spec}, in one look: idle
   * sandboxes of exactly the spec, live ones of its function, invocations running in the pool, and
   * the account's limit.
   */
  public record Here(int idle, int live, int running, int limit) {}

  /** {@link Here} for {@code spec}; constant time, whatever the number of functions. */
  public synchronized Here here(SandboxSpec spec) {
    return slots.here(spec, accountLimit);
  }

  /** Each function version's idle sandboxes ({@code name:version}), for those that have any. */
  public synchronized Map<String, Integer> idleByVersion() {
    return slots.idleByVersion();
  }

  /** Ready provisioned sandboxes per {@code name:version}, for those that have any. */
  public synchronized Map<String, Integer> provisionedByVersion() {
    return provisions.readyByVersion();
  }

  /** Each function's live sandboxes (running or idle), for those that have any. */
  public synchronized Map<String, Integer> liveByFunction() {
    return slots.liveByFunction();
  }

  /** Idle, in-flight and live sandbox counts of one function. */
  public synchronized PoolCounts counts(String function) {
    return slots.counts(function);
  }

  private void terminated(Sandbox s) {
    boolean wasIdle;
    synchronized (this) {
      PoolSlot slot = slots.find(s.spec().functionName());
      ArrayDeque<Sandbox> idle = slot == null ? null : slot.idle.get(s.spec().key());
      wasIdle = idle != null && idle.remove(s);
      if (!wasIdle && !s.initialized() && provisions.isProvisioned(s)) {
        provisions.lost(s, closed); // its init failed before anyone used it: not replaced
        live.remove(s);
      }
    }
    if (wasIdle) {
      stopAndForget(s); // crashed while idle; a busy one is handled by its invocation
    }
  }

  private void stopAndForget(Sandbox s) {
    s.stop();
    SandboxSpec replace;
    synchronized (this) {
      live.remove(s);
      replace = provisions.lost(s, closed);
    }
    if (replace != null) {
      startProvisioned(replace);
    }
  }

  /** Stops every sandbox, idle or busy. */
  @Override
  public void close() {
    List<Sandbox> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(live);
      live.clear();
      provisions.clear();
      slots.clearIdle();
    }
    all.forEach(Sandbox::stop);
  }
}
