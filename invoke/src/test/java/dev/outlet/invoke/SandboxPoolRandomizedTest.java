package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LambdaException;
import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.SandboxState;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@link SandboxPool} (real sandboxes, stand-in processes, a manual ticker) through
 * thousands of random arrivals, finishes, crashes, code updates, ticks and reaps, next to a model
 * of what it must hold, and checks after every step: no limit is exceeded, no sandbox serves two
 * invocations, an idle sandbox is preferred to a new one (the most recently idle first), idle
 * sandboxes are reclaimed once idle for the keep-warm time and never before.
 *
 * <p>Reproduce a failure with {@code -Doutlet.seed=<the seed in the message>}.
 */
class SandboxPoolRandomizedTest {
  private static final long KEEP_WARM = 1_000;
  private static final int STEPS = 4_000;
  private static final String[] FUNCTIONS = {"f0", "f1", "f2", "f3"};

  @TempDir Path dir;

  /** One sandbox the model knows, idle or lent. */
  private record Known(Sandbox sandbox, String key, long idleSince) {}

  /** One lease the model knows. */
  private record Lent(String function, Lease lease, Sandbox sandbox, String key) {}

  /**
   * What the pool must hold for one function: its live spec keys ($LATEST and published versions)
   * and an idle list per key.
   */
  private static final class FunctionModel {
    final Map<String, Deque<Known>> idle = new HashMap<>(); // most recently idle first
    final List<String> live = new ArrayList<>(List.of("v0"));
    int next = 1;
    int inFlight;
    int reserved = -1;

    Deque<Known> idle(String key) {
      return idle.computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    int idleCount() {
      return idle.values().stream().mapToInt(Deque::size).sum();
    }

    List<Known> allIdle() {
      List<Known> all = new ArrayList<>();
      idle.values().forEach(all::addAll);
      return all;
    }
  }

  @Test
  void keepsEveryPoolInvariantUnderRandomTraffic() {
    long seed = Long.getLong("outlet.seed", System.nanoTime());
    for (int round = 0; round < 3; round++) {
      long s = seed + round;
      try {
        run(s);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with seed " + s + " (-Doutlet.seed=" + s + ")", e);
      }
    }
  }

  private void run(long seed) {
    Random r = new Random(seed);
    ManualTicker ticker = new ManualTicker();
    ProcesslessSandboxes processes = new ProcesslessSandboxes();
    int accountLimit = 3 + r.nextInt(6);
    Path code = dir.resolve("code");
    SandboxPool pool =
        new SandboxPool(
            processes.factory(dir.resolve("scratch-" + seed), ticker),
            Runnable::run,
            accountLimit,
            KEEP_WARM,
            ticker);
    Map<String, FunctionModel> model = new HashMap<>();
    int reservedTotal = 0;
    for (String f : FUNCTIONS) {
      model.put(f, new FunctionModel());
    }
    // f0 gets a reservation (0 included: always throttled), the others share the rest
    int reservation = r.nextInt(Math.min(3, accountLimit));
    pool.reserve("f0", reservation);
    model.get("f0").reserved = reservation;
    reservedTotal += reservation;
    List<Lent> lent = new ArrayList<>();
    Set<Sandbox> busy = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    int unreservedInFlight = 0;
    int requests = 0;
    try {
      for (int step = 0; step < STEPS; step++) {
        int op = r.nextInt(100);
        if (op < 40) { // an invocation arrives
          String f = FUNCTIONS[r.nextInt(FUNCTIONS.length)];
          FunctionModel m = model.get(f);
          String key = m.live.get(r.nextInt(m.live.size()));
          SandboxSpec spec = ProcesslessSandboxes.spec(f, key, code);
          String expectedReason =
              PoolPolicy.throttleReason(
                  m.inFlight, m.reserved, unreservedInFlight, accountLimit, reservedTotal);
          Lease lease;
          try {
            lease = pool.acquire(spec);
          } catch (LambdaException e) {
            assertThat(e.reason()).as("step %d: throttled %s", step, f).hasValue(expectedReason);
            continue;
          }
          assertThat(expectedReason).as("step %d: %s admitted", step, f).isNull();
          Sandbox sandbox = lease.sandbox().join();
          if (m.idle(key).isEmpty()) { // another key's idle sandbox is never used
            assertThat(lease.cold()).as("step %d: no idle sandbox, a cold start", step).isTrue();
            assertThat(sandbox.state()).isEqualTo(SandboxState.STARTING);
          } else {
            assertThat(lease.cold()).as("step %d: an idle sandbox is preferred", step).isFalse();
            assertThat(sandbox)
                .as("the most recently idle of its key")
                .isSameAs(m.idle(key).pollFirst().sandbox());
          }
          assertThat(busy.add(sandbox)).as("step %d: lent to two invocations", step).isTrue();
          sandbox.lend(invocation("r" + requests++)); // throws if the sandbox were busy already
          m.inFlight++;
          if (m.reserved < 0) {
            unreservedInFlight++;
          }
          lent.add(new Lent(f, lease, sandbox, key));
        } else if (op < 70 && !lent.isEmpty()) { // an invocation ends
          Lent l = lent.remove(r.nextInt(lent.size()));
          FunctionModel m = model.get(l.function());
          boolean healthy = r.nextInt(10) > 0;
          if (!healthy) {
            l.sandbox().stop(); // as the invoker does on a timeout or crash
          }
          pool.giveBack(l.lease(), l.sandbox(), healthy);
          busy.remove(l.sandbox());
          m.inFlight--;
          if (m.reserved < 0) {
            unreservedInFlight--;
          }
          if (healthy && m.live.contains(l.key())) {
            assertThat(l.sandbox().state()).isEqualTo(SandboxState.IDLE);
            m.idle(l.key()).addFirst(new Known(l.sandbox(), l.key(), ticker.nanos()));
          } else {
            assertThat(l.sandbox().state()).isIn(SandboxState.STOPPING, SandboxState.STOPPED);
          }
        } else if (op < 82) { // time passes, often to the keep-warm boundary exactly
          ticker.advance(250L * r.nextInt(3));
        } else if (op < 92) { // the reaper runs
          long now = ticker.nanos();
          int expected = 0;
          for (FunctionModel m : model.values()) {
            for (Deque<Known> idle : m.idle.values()) {
              for (var it = idle.iterator(); it.hasNext(); ) {
                Known k = it.next();
                if (now - k.idleSince() >= KEEP_WARM) {
                  it.remove();
                  expected++;
                }
              }
            }
          }
          int reaped = pool.reap();
          assertThat(reaped).as("step %d: reaped", step).isEqualTo(expected);
          for (FunctionModel m : model.values()) {
            for (Known k : m.allIdle()) {
              assertThat(k.sandbox().state()).as("kept while young").isEqualTo(SandboxState.IDLE);
            }
          }
        } else if (op < 95) { // an idle sandbox's runtime dies
          List<FunctionModel> withIdle =
              model.values().stream().filter(m -> m.idleCount() > 0).toList();
          if (!withIdle.isEmpty()) {
            FunctionModel m = withIdle.get(r.nextInt(withIdle.size()));
            List<Known> idle = m.allIdle();
            Known k = idle.get(r.nextInt(idle.size()));
            processes.crash(k.sandbox().id());
            m.idle(k.key()).remove(k);
            assertThat(k.sandbox().state()).isIn(SandboxState.STOPPING, SandboxState.STOPPED);
          }
        } else { // $LATEST changes, a version is published, or one is deleted
          String f = FUNCTIONS[r.nextInt(FUNCTIONS.length)];
          FunctionModel m = model.get(f);
          int change = r.nextInt(3);
          if (change == 0) {
            m.live.set(0, "v" + m.next++); // $LATEST's code or configuration changed
          } else if (change == 1 && m.live.size() < 4) {
            m.live.add("v" + m.next++); // a version published
          } else if (m.live.size() > 1) {
            m.live.remove(1 + r.nextInt(m.live.size() - 1)); // a version deleted
          }
          pool.retainKeys(f, Set.copyOf(m.live));
          for (var it = m.idle.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!m.live.contains(e.getKey())) {
              for (Known k : e.getValue()) {
                assertThat(k.sandbox().state()).isIn(SandboxState.STOPPING, SandboxState.STOPPED);
              }
              it.remove();
            }
          }
        }
        checkInvariants(pool, model, lent, unreservedInFlight, accountLimit, reservedTotal);
      }
    } finally {
      pool.close();
    }
  }

  private static void checkInvariants(
      SandboxPool pool,
      Map<String, FunctionModel> model,
      List<Lent> lent,
      int unreservedInFlight,
      int accountLimit,
      int reservedTotal) {
    int idle = 0;
    for (var e : model.entrySet()) {
      FunctionModel m = e.getValue();
      if (m.reserved >= 0) {
        assertThat(m.inFlight)
            .as("%s within its reservation", e.getKey())
            .isLessThanOrEqualTo(m.reserved);
      }
      PoolCounts counts = pool.counts(e.getKey());
      assertThat(counts.idle()).as("%s idle", e.getKey()).isEqualTo(m.idleCount());
      assertThat(counts.inFlight()).as("%s in flight", e.getKey()).isEqualTo(m.inFlight);
      idle += m.idleCount();
    }
    assertThat(unreservedInFlight).isLessThanOrEqualTo(accountLimit - reservedTotal);
    assertThat(pool.counts().live())
        .as("every sandbox not stopped is known, and no stopped one")
        .isEqualTo(idle + lent.size());
  }

  private static Invocation invocation(String id) {
    return new Invocation(id, new byte[0], 3000, "arn", "trace", null, null, null);
  }
}
