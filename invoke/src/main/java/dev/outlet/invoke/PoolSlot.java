package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One function's part of a {@link SandboxPool}: its idle sandboxes by spec key, its invocations in
 * flight, and the keys the control plane still wants kept; and how {@link PoolPolicy}'s answers are
 * applied to an idle list (the warm pick, the reclaim). Not thread-safe: the pool's monitor guards
 * it.
 */
final class PoolSlot {
  /** Idle sandboxes by spec key, most recently idle first. */
  final Map<String, ArrayDeque<Sandbox>> idle = new HashMap<>();

  int inFlight;

  /** The keys whose sandboxes may be kept; null until the control plane says. */
  Set<String> liveKeys;

  ArrayDeque<Sandbox> idle(String key) {
    return idle.computeIfAbsent(key, k -> new ArrayDeque<>());
  }

  boolean live(String key) {
    return liveKeys == null || liveKeys.contains(key);
  }

  int idleCount() {
    int n = 0;
    for (ArrayDeque<Sandbox> d : idle.values()) {
      n += d.size();
    }
    return n;
  }

  /** Adds this function's idle sandboxes to {@code out}, per {@code name:version}. */
  void idleByVersion(Map<String, Integer> out) {
    for (ArrayDeque<Sandbox> d : idle.values()) {
      if (!d.isEmpty()) {
        var spec = d.peekFirst().spec();
        out.merge(spec.functionName() + ":" + spec.version(), d.size(), Integer::sum);
      }
    }
  }

  /** Removes and returns every idle sandbox whose key is not live. */
  List<Sandbox> dropDead() {
    List<Sandbox> dead = new ArrayList<>();
    for (Iterator<Map.Entry<String, ArrayDeque<Sandbox>>> it = idle.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ArrayDeque<Sandbox>> e = it.next();
      if (!live(e.getKey())) {
        dead.addAll(e.getValue());
        it.remove();
      }
    }
    return dead;
  }

  /** Which of the most recent idle sandboxes were last served on {@code here}, as a bit set. */
  static int servedHere(Deque<Sandbox> idle, Thread here) {
    int mask = 0;
    int i = 0;
    for (Iterator<Sandbox> it = idle.iterator();
        it.hasNext() && i < PoolPolicy.AFFINITY_SCAN;
        i++) {
      if (it.next().servedOn(here)) {
        mask |= 1 << i;
      }
    }
    return mask;
  }

  /** Removes and returns the idle sandbox at {@code rank} (0 = the most recently idle). */
  static Sandbox takeIdle(Deque<Sandbox> idle, int rank) {
    if (rank == 0) {
      return idle.pollFirst();
    }
    Iterator<Sandbox> it = idle.iterator();
    for (int i = 0; i < rank; i++) {
      it.next();
    }
    Sandbox s = it.next();
    it.remove();
    return s;
  }

  /**
   * Moves the idle sandboxes {@link PoolPolicy#reclaim} picks at {@code now} out of each idle list
   * to {@code out}; {@code kept} ones (provisioned sandboxes stay initialized) are never offered.
   */
  void reclaim(long now, long keepWarmNanos, Predicate<Sandbox> kept, List<Sandbox> out) {
    for (ArrayDeque<Sandbox> d : idle.values()) {
      reclaim(d, now, keepWarmNanos, kept, out);
    }
  }

  private static void reclaim(
      ArrayDeque<Sandbox> idle,
      long now,
      long keepWarmNanos,
      Predicate<Sandbox> kept,
      List<Sandbox> out) {
    if (idle.isEmpty()) {
      return;
    }
    List<PoolPolicy.IdleSandbox> seen = new ArrayList<>(idle.size());
    for (Sandbox s : idle) {
      if (!kept.test(s)) {
        seen.add(new PoolPolicy.IdleSandbox(s.id(), s.idleSinceNanos(), s.createdNanos()));
      }
    }
    Set<String> evict = new HashSet<>(PoolPolicy.reclaim(seen, now, keepWarmNanos));
    if (evict.isEmpty()) {
      return;
    }
    for (Iterator<Sandbox> it = idle.iterator(); it.hasNext(); ) {
      Sandbox s = it.next();
      if (evict.contains(s.id())) {
        it.remove();
        out.add(s);
      }
    }
  }
}
