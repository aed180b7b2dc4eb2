package dev.outlet.invoke;

/**
 * The pool's decisions, as pure functions over counts (lambda-contract.md §4): whether an
 * invocation may run, and which idle sandboxes to evict. Unit-tested without threads or clocks.
 */
public final class PoolPolicy {
  private PoolPolicy() {}

  /** Throttle reasons, AWS's wire values. */
  public static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";

  public static final String ACCOUNT_LIMIT = "ConcurrentInvocationLimitExceeded";

  /**
   * Why an invocation may not start now, or null when it may.
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

  /** Whether an idle sandbox has waited long enough to be reclaimed. */
  public static boolean expired(long idleSinceNanos, long nowNanos, long keepWarmNanos) {
    return nowNanos - idleSinceNanos >= keepWarmNanos;
  }
}
