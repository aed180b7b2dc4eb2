package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One function's part of a {@link SandboxPool}: its idle sandboxes by spec key, its invocations in
 * flight, and the keys the control plane still wants kept. Not thread-safe: the pool's monitor
 * guards it.
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
}
