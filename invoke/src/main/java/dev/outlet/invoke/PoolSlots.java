package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every function's {@link PoolSlot}, by function name, and the invocations in flight in all of them
 * (what {@link SandboxPool#here} reads without a scan); the pool's counts are read here. Not
 * thread-safe: {@link SandboxPool} owns it and calls it with its lock held, as it does each slot.
 */
final class PoolSlots {
  private final Map<String, PoolSlot> byFunction = new HashMap<>();

  /** Invocations in flight in every slot. */
  private int inFlight;

  /** {@code function}'s slot, made empty if it has none. */
  PoolSlot of(String function) {
    return byFunction.computeIfAbsent(function, k -> new PoolSlot());
  }

  /** {@code function}'s slot, or null. */
  PoolSlot find(String function) {
    return byFunction.get(function);
  }

  void remove(String function) {
    byFunction.remove(function);
  }

  /** An invocation of {@code slot}'s function was lent a sandbox. */
  void lent(PoolSlot slot) {
    slot.inFlight++;
    inFlight++;
  }

  /** An invocation of {@code slot}'s function gave its sandbox back. */
  void returned(PoolSlot slot) {
    slot.inFlight--;
    inFlight--;
  }

  /**
   * Takes the idle sandboxes {@link PoolPolicy#reclaim} picks at {@code now} out of every idle
   * list; {@code kept} ones are never offered.
   */
  List<Sandbox> reclaim(long now, long keepWarmNanos, Predicate<Sandbox> kept) {
    List<Sandbox> expired = new ArrayList<>();
    for (PoolSlot slot : byFunction.values()) {
      slot.reclaim(now, keepWarmNanos, kept, expired);
    }
    return expired;
  }

  /** Forgets every idle sandbox (the pool is closing and stops them). */
  void clearIdle() {
    byFunction.values().forEach(slot -> slot.idle.clear());
  }

  /** Idle and in-flight counts over every function, with {@code live} sandboxes. */
  PoolCounts counts(int live) {
    int idle = 0;
    int running = 0;
    for (PoolSlot slot : byFunction.values()) {
      idle += slot.idleCount();
      running += slot.inFlight;
    }
    return new PoolCounts(live, idle, running);
  }

  /** Idle, in-flight and live sandbox counts of one function. */
  PoolCounts counts(String function) {
    PoolSlot slot = byFunction.get(function);
    return slot == null
        ? new PoolCounts(0, 0, 0)
        : new PoolCounts(slot.idleCount() + slot.inFlight, slot.idleCount(), slot.inFlight);
  }

  /** {@link SandboxPool.Here} for {@code spec} under the account's {@code limit}. */
  SandboxPool.Here here(SandboxSpec spec, int limit) {
    PoolSlot slot = byFunction.get(spec.functionName());
    if (slot == null) {
      return new SandboxPool.Here(0, 0, inFlight, limit);
    }
    ArrayDeque<Sandbox> d = slot.idle.get(spec.key());
    return new SandboxPool.Here(
        d == null ? 0 : d.size(), slot.idleCount() + slot.inFlight, inFlight, limit);
  }

  /** Each function version's idle sandboxes ({@code name:version}), for those that have any. */
  Map<String, Integer> idleByVersion() {
    Map<String, Integer> out = new TreeMap<>();
    for (PoolSlot slot : byFunction.values()) {
      slot.idleByVersion(out);
    }
    return out;
  }

  /** Each function's live sandboxes (running or idle), for those that have any. */
  Map<String, Integer> liveByFunction() {
    Map<String, Integer> out = new TreeMap<>();
    byFunction.forEach(
        (function, slot) -> {
          int n = slot.idleCount() + slot.inFlight;
          if (n > 0) {
            out.put(function, n);
          }
        });
    return out;
  }
}
