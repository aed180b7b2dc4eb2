package dev.outlet.invoke;

import java.util.HashMap;
import java.util.Map;

/**
 * Reserved concurrency: each function's reservation, their total, and the invocations in flight of
 * functions without one (they share what the reservations leave of the account's limit). Not
 * thread-safe: {@link SandboxPool} owns it and calls it with its lock held.
 */
final class Reservations {
  private final Map<String, Integer> byFunction = new HashMap<>();
  private int total;
  private int unreservedInFlight;

  /** Records {@code function}'s reserved concurrency (-1 to remove it). */
  void reserve(String function, int reserved) {
    Integer old = reserved < 0 ? byFunction.remove(function) : byFunction.put(function, reserved);
    total += Math.max(reserved, 0) - (old == null ? 0 : old);
  }

  /** {@code function}'s reserved concurrency, or -1. */
  int of(String function) {
    return byFunction.getOrDefault(function, -1);
  }

  /** The reservations' total. */
  int total() {
    return total;
  }

  /** Invocations in flight of functions without a reservation. */
  int unreservedInFlight() {
    return unreservedInFlight;
  }

  /** An invocation started; {@code reserved}: its function has a reservation. */
  void lent(boolean reserved) {
    if (!reserved) {
      unreservedInFlight++;
    }
  }

  /** An invocation that started as {@code reserved} (or not) ended. */
  void returned(boolean reserved) {
    if (!reserved) {
      unreservedInFlight--;
    }
  }
}
