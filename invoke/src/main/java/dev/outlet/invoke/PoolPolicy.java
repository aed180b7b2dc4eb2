package dev.outlet.invoke;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool's decisions, as pure functions over immutable snapshots (lambda-contract.md §4): whether
 * an invocation may run, on which idle sandbox or on a new one, and which idle sandboxes to evict.
 * No locks, threads or clocks: {@link SandboxPool} takes the snapshot under its lock, with the time
 * of its injected ticker, and applies the decision.
 *
 * <p>The acquire snapshot ({@link Demand}) is all primitives and every {@link Decision} is a
 * constant, so deciding allocates nothing on the Invoke hot path.
 */
public final class PoolPolicy {
  private PoolPolicy() {}

  /** Throttle reasons, AWS's wire values. */
  public static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";

  public static final String ACCOUNT_LIMIT = "ConcurrentInvocationLimitExceeded";

  /** How many of the most recent idle sandboxes an acquire looks at for one on its thread. */
  public static final int AFFINITY_SCAN = 8;

  /**
   * What one acquire sees, under the pool's lock.
   *
   * @param inFlight the function's invocations running now (busy sandboxes and sandboxes starting
   *     for it)
   * @param reserved the function's reserved concurrency, or -1
   * @param idle the function's idle sandboxes of the requested spec key (older keys count none)
   * @param servedHere bit {@code i} set when the {@code i}-th most recent idle sandbox ({@code i <
   *     min(idle, AFFINITY_SCAN)}) was last served on the requesting thread
   * @param unreservedInFlight invocations running now of functions without a reservation
   * @param accountLimit the account's concurrency limit
   * @param reservedTotal the sum of all reservations
   * @param starting sandboxes being launched now, of every function
   */
  public record Demand(
      int inFlight,
      int reserved,
      int idle,
      int servedHere,
      int unreservedInFlight,
      int accountLimit,
      int reservedTotal,
      int starting) {
    public Demand {
      if (inFlight < 0 || idle < 0 || unreservedInFlight < 0 || starting < 0 || reserved < -1) {
        throw new IllegalArgumentException("negative count in " + this);
      }
      int window = Math.min(idle, AFFINITY_SCAN);
      if ((servedHere & ~((1 << window) - 1)) != 0) {
        throw new IllegalArgumentException("servedHere names a sandbox past the scanned idle ones");
      }
    }
  }

  /** What the pool does with one acquire. */
  public sealed interface Decision permits UseWarm, Spawn, Throttle {}

  /**
   * Lend the idle sandbox at {@code rank} (0 = the most recently idle).
   *
   * @param rank below {@link #AFFINITY_SCAN}
   */
  public record UseWarm(int rank) implements Decision {
    private static final UseWarm[] BY_RANK = new UseWarm[AFFINITY_SCAN];

    static {
      for (int i = 0; i < AFFINITY_SCAN; i++) {
        BY_RANK[i] = new UseWarm(i);
      }
    }

    public UseWarm {
      if (rank < 0 || rank >= AFFINITY_SCAN) {
        throw new IllegalArgumentException("rank " + rank);
      }
    }

    /** The shared instance for {@code rank}. */
    public static UseWarm of(int rank) {
      return BY_RANK[rank];
    }
  }

  /**
   * Start a new sandbox. {@link #NEAR}: serve it near the requesting thread (its event loop), as a
   * lone cold start; {@link #SPREAD}: let the endpoints spread over the loops, as during a burst
   * (binding on a flooded loop queues every start behind that loop's work: measured, 1,000
   * concurrent cold starts took 48 s instead of 13 s).
   */
  public enum Spawn implements Decision {
    NEAR,
    SPREAD
  }

  /** Refuse with 429 TooManyRequestsException and this {@code Reason}. */
  public record Throttle(String reason) implements Decision {
    public static final Throttle RESERVED = new Throttle(RESERVED_LIMIT);
    public static final Throttle ACCOUNT = new Throttle(ACCOUNT_LIMIT);
  }

  /**
   * Decides one acquire: throttle when the function's reservation, or the unreserved share of the
   * account, is used up; else the most recently idle sandbox last served on the requesting thread
   * among the {@link #AFFINITY_SCAN} most recent, else the most recently idle one; else a new one.
   */
  public static Decision decide(Demand d) {
    String reason =
        throttleReason(
            d.inFlight(),
            d.reserved(),
            d.unreservedInFlight(),
            d.accountLimit(),
            d.reservedTotal());
    if (reason != null) {
      return reason == RESERVED_LIMIT ? Throttle.RESERVED : Throttle.ACCOUNT;
    }
    if (d.idle() > 0) {
      return UseWarm.of(d.servedHere() == 0 ? 0 : Integer.numberOfTrailingZeros(d.servedHere()));
    }
    return d.starting() == 0 ? Spawn.NEAR : Spawn.SPREAD;
  }

  /**
   * Why an invocation may not start now, or null when it may. A function with a reservation is
   * bound by it alone; the others share what the reservations leave of the account limit.
   *
   * @param inFlight the function's invocations running now
   * @param reserved the function's reserved concurrency, or -1
   * @param unreservedInFlight invocations running now of functions without a reservation
   * @param accountLimit the account's concurrency limit
   * @param reservedTotal the sum of all reservations
   */
  public static String throttleReason(
      int inFlight, int reserved, int unreservedInFlight, int accountLimit, int reservedTotal) {
    if (reserved >= 0) {
      return inFlight >= reserved ? RESERVED_LIMIT : null;
    }
    return unreservedInFlight >= accountLimit - reservedTotal ? ACCOUNT_LIMIT : null;
  }

  /**
   * The longest an execution environment lives, busy or not: Lambda recycles environments after
   * some hours, and a sandbox's execution-role credentials must outlive it (they are given for 12
   * hours, renewed when less than 4 are left).
   */
  public static final long MAX_LIFETIME_NANOS = 6L * 3600 * 1_000_000_000L;

  /** One idle sandbox as the reaper sees it. */
  public record IdleSandbox(String id, long idleSinceNanos, long startedNanos) {
    public IdleSandbox(String id, long idleSinceNanos) {
      this(id, idleSinceNanos, idleSinceNanos);
    }
  }

  /**
   * The idle sandboxes to evict now: those idle for at least the keep-warm time, and those that
   * have lived {@link #MAX_LIFETIME_NANOS}. Idle sandboxes do not count against concurrency, so
   * there is no eviction under account pressure.
   *
   * @return their ids, in the order given
   */
  public static List<String> reclaim(List<IdleSandbox> idle, long nowNanos, long keepWarmNanos) {
    List<String> evict = new ArrayList<>();
    for (IdleSandbox s : idle) {
      if (expired(s.idleSinceNanos(), nowNanos, keepWarmNanos)
          || nowNanos - s.startedNanos() >= MAX_LIFETIME_NANOS) {
        evict.add(s.id());
      }
    }
    return evict;
  }

  /** Whether an idle sandbox has waited long enough to be reclaimed. */
  public static boolean expired(long idleSinceNanos, long nowNanos, long keepWarmNanos) {
    return nowNanos - idleSinceNanos >= keepWarmNanos;
  }
}
