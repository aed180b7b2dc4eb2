package dev.outlet.events;

import dev.outlet.core.ScheduleGate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires enabled scheduled rules: each tick compares every rule's next fire time with the clock and,
 * when due, hands one event per target to the {@link TargetInvoker} (asynchronous invocations).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>One owner: the next-fire table is touched only under the scheduler's lock, by {@link #tick}
 *       (called every second by the timer, or by a test with the instant it wants).
 *   <li>A rule fires at most once per due time; missed times (Outlet was stopped) are not replayed,
 *       as EventBridge does not replay them: after a firing the next time is the first one after
 *       the tick's instant.
 *   <li>A change of a rule's expression or anchor re-arms it; a deleted or disabled rule is
 *       forgotten.
 * </ol>
 */
public final class RuleScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleScheduler.class);

  /** Where the events go; implemented over Outlet's asynchronous invoke. */
  @FunctionalInterface
  public interface TargetInvoker {
    /**
     * @return false when the target names no function Outlet has (logged and skipped)
     */
    boolean invoke(Rule rule, Rule.Target target, byte[] payload);
  }

  private record Armed(String expression, Instant anchor, Instant next) {}

  private final RuleStore store;
  private final InstantSource clock;
  private final String region;
  private final String account;
  private final TargetInvoker invoker;
  private final ScheduleGate gate;
  private final Map<String, Armed> armed = new HashMap<>();
  private ScheduledFuture<?> ticking;

  /** One machine's scheduler: it fires every tick. */
  public RuleScheduler(
      RuleStore store, InstantSource clock, String region, String account, TargetInvoker invoker) {
    this(store, clock, region, account, invoker, ScheduleGate.ALONE);
  }

  /**
   * A scheduler that fires a due tick only when {@code gate} says this node is to (in a cluster: it
   * leads, and no node fired that tick); it keeps every rule armed either way, so a node that takes
   * the lead fires the next tick due.
   */
  public RuleScheduler(
      RuleStore store,
      InstantSource clock,
      String region,
      String account,
      TargetInvoker invoker,
      ScheduleGate gate) {
    this.gate = gate;
    this.store = store;
    this.clock = clock;
    this.region = region;
    this.account = account;
    this.invoker = invoker;
  }

  /** Ticks every second, timed by {@code timers}, each tick on a virtual thread. */
  public synchronized void start(ScheduledExecutorService timers) {
    ticking =
        timers.scheduleAtFixedRate(
            () ->
                // a tick journals and sends (blocking): never on the shared timer thread
                Thread.ofVirtual()
                    .name("schedules-" + region)
                    .start(
                        () -> {
                          try {
                            tick(clock.instant());
                          } catch (RuntimeException e) {
                            LOG.warn("scheduler tick failed", e);
                          }
                        }),
            1,
            1,
            TimeUnit.SECONDS);
  }

  /** Fires what is due at {@code now}; returns how many events were sent. */
  public synchronized int tick(Instant now) {
    int sent = 0;
    Set<String> seen = new HashSet<>();
    for (Rule rule : store.all()) {
      if (!rule.enabled() || !rule.scheduled()) {
        continue; // a rule that only matches events fires when they are put
      }
      seen.add(rule.name());
      Armed a = arm(rule, now);
      if (a.next() == null || a.next().isAfter(now)) {
        continue;
      }
      Instant due = a.next();
      Armed next =
          new Armed(
              a.expression(),
              a.anchor(),
              ScheduleExpression.parse(rule.expression()).next(rule.anchor(), now));
      if (!gate.fire(rule.arn(region, account), due)) {
        armed.put(rule.name(), next); // another node fires it
        continue;
      }
      for (Rule.Target t : rule.targets()) {
        byte[] payload =
            t.input() != null
                ? t.input().getBytes(StandardCharsets.UTF_8)
                : ScheduledEvent.payload(region, account, rule.name(), due);
        if (invoker.invoke(rule, t, payload)) {
          sent++;
        } else {
          LOG.warn(
              "rule {}: target {} ({}) is not a function on Outlet", rule.name(), t.id(), t.arn());
        }
      }
      LOG.info("rule {} fired for {}: {} target(s)", rule.name(), due, rule.targets().size());
      armed.put(rule.name(), next);
    }
    armed.keySet().retainAll(seen);
    return sent;
  }

  private Armed arm(Rule rule, Instant now) {
    Armed a = armed.get(rule.name());
    if (a == null
        || !a.expression().equals(rule.expression())
        || !a.anchor().equals(rule.anchor())) {
      // A rule first seen by this tick may be due at this very instant: look back one tick.
      Instant lookBack = now.minusSeconds(1);
      Instant after = lookBack.isBefore(rule.anchor()) ? rule.anchor() : lookBack;
      a =
          new Armed(
              rule.expression(),
              rule.anchor(),
              ScheduleExpression.parse(rule.expression()).next(rule.anchor(), after));
      armed.put(rule.name(), a);
    }
    return a;
  }

  /** When the rule fires next, if it is enabled and has a next time. */
  public synchronized Optional<Instant> nextFire(String name) {
    return store
        .find(name)
        .filter(r -> r.enabled() && r.scheduled())
        .map(r -> arm(r, clock.instant()).next());
  }

  @Override
  public synchronized void close() {
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
