package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxSpec;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pool's books of provisioned concurrency: per spec key, how many sandboxes are wanted,
 * starting and ready, and the last failure; which live sandboxes are provisioned, and for which
 * spec. Not thread-safe: {@link SandboxPool} owns it and calls it with its lock held; starting and
 * stopping sandboxes stays the pool's.
 */
final class ProvisionBook {

  /** One spec's provisioned concurrency. */
  static final class Provision {
    final SandboxSpec spec;
    int wanted;
    int starting;
    int ready;
    String failure;

    Provision(SandboxSpec spec) {
      this.spec = spec;
    }
  }

  /** What a new wish asks the pool to do: stop the sandboxes no longer wanted, start the rest. */
  record Plan(List<Provision> trimmed, List<SandboxSpec> toStart) {}

  private final Map<String, Provision> byKey = new HashMap<>();
  private final Map<Sandbox, Provision> bySandbox = new IdentityHashMap<>();

  /**
   * From now on {@code function} wants exactly these provisioned sandboxes (spec → count). The
   * provisions to trim (idle surplus) and the specs to start one sandbox each for.
   */
  Plan want(String function, Map<SandboxSpec, Integer> wanted) {
    Map<String, SandboxSpec> keys = new HashMap<>();
    wanted.forEach((spec, n) -> keys.put(spec.key(), spec));
    List<Provision> trimmed = new ArrayList<>();
    List<SandboxSpec> toStart = new ArrayList<>();
    for (Iterator<Map.Entry<String, Provision>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
      Provision p = it.next().getValue();
      if (p.spec.functionName().equals(function) && !keys.containsKey(p.spec.key())) {
        p.wanted = 0;
        trimmed.add(p);
        it.remove();
      }
    }
    for (Map.Entry<SandboxSpec, Integer> e : wanted.entrySet()) {
      Provision p = byKey.computeIfAbsent(e.getKey().key(), k -> new Provision(e.getKey()));
      p.wanted = e.getValue();
      p.failure = null;
      trimmed.add(p);
      for (int i = p.ready + p.starting; i < p.wanted; i++) {
        p.starting++;
        toStart.add(p.spec);
      }
    }
    return new Plan(trimmed, toStart);
  }

  /** Takes {@code p}'s idle sandboxes beyond what it wants out of {@code idle}. */
  List<Sandbox> trim(Provision p, Deque<Sandbox> idle) {
    List<Sandbox> out = new ArrayList<>();
    for (Iterator<Sandbox> it = idle.iterator(); it.hasNext() && p.ready > p.wanted; ) {
      Sandbox s = it.next();
      if (bySandbox.get(s) == p) {
        it.remove();
        bySandbox.remove(s);
        p.ready--;
        out.add(s);
      }
    }
    return out;
  }

  /** Ready provisioned sandboxes per {@code name:version} (those with any). */
  Map<String, Integer> readyByVersion() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (Provision p : byKey.values()) {
      if (p.ready > 0) {
        out.merge(p.spec.functionName() + ":" + p.spec.version(), p.ready, Integer::sum);
      }
    }
    return out;
  }

  ProvisionProgress progress(String key) {
    Provision p = byKey.get(key);
    return p == null ? new ProvisionProgress(0, null) : new ProvisionProgress(p.ready, p.failure);
  }

  /**
   * A provisioned sandbox of {@code spec} started: recorded when it is still wanted (true), else
   * its start is forgotten and the caller stops it.
   */
  boolean started(Sandbox sandbox, SandboxSpec spec) {
    Provision p = byKey.get(spec.key());
    if (p == null || p.starting + p.ready > p.wanted) {
      if (p != null) {
        p.starting--;
      }
      return false;
    }
    bySandbox.put(sandbox, p);
    return true;
  }

  /** A provisioned sandbox finished its init: ready to serve (false when no longer wanted). */
  boolean initialized(Sandbox sandbox) {
    Provision p = bySandbox.get(sandbox);
    if (p == null) {
      return false;
    }
    p.starting--;
    p.ready++;
    return true;
  }

  /** A provisioned sandbox of {@code key} could not start. */
  void failed(String key, String reason) {
    Provision p = byKey.get(key);
    if (p != null) {
      p.starting = Math.max(0, p.starting - 1);
      p.failure = "FUNCTION_ERROR_INIT_FAILURE: " + reason;
    }
  }

  /**
   * A sandbox left the pool: if it was provisioned, it is replaced unless its init failed or the
   * pool is closing. Returns the spec to start, if any.
   */
  SandboxSpec lost(Sandbox s, boolean closing) {
    Provision p = bySandbox.remove(s);
    if (p == null) {
      return null;
    }
    if (!s.initialized()) {
      p.starting = Math.max(0, p.starting - 1);
      p.failure = "FUNCTION_ERROR_INIT_FAILURE: the runtime exited during its init";
      return null;
    }
    p.ready--;
    if (closing || p.failure != null || p.ready + p.starting >= p.wanted) {
      return null;
    }
    p.starting++;
    return p.spec;
  }

  boolean isProvisioned(Sandbox s) {
    return bySandbox.containsKey(s);
  }

  /**
   * For a spec with provisioned concurrency: whether {@code warm} (just taken from {@code idle}) is
   * one of its provisioned sandboxes, and how many of them are busy now. Null otherwise.
   */
  ProvisionedUse use(SandboxSpec spec, Deque<Sandbox> idle, Sandbox warm) {
    Provision p = byKey.get(spec.key());
    if (p == null || p.wanted == 0) {
      return null;
    }
    int idleProvisioned = 0;
    for (Sandbox s : idle) {
      if (bySandbox.get(s) == p) {
        idleProvisioned++;
      }
    }
    boolean fromProvision = warm != null && bySandbox.get(warm) == p;
    return new ProvisionedUse(fromProvision, Math.max(0, p.ready - idleProvisioned), p.wanted);
  }

  void clear() {
    bySandbox.clear();
    byKey.clear();
  }
}
