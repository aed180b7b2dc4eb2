package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.invoke.PoolPolicy.Decision;
import dev.outlet.invoke.PoolPolicy.Demand;
import dev.outlet.invoke.PoolPolicy.IdleSandbox;
import dev.outlet.invoke.PoolPolicy.Spawn;
import dev.outlet.invoke.PoolPolicy.Throttle;
import dev.outlet.invoke.PoolPolicy.UseWarm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the pool's policy, with its boundary on both sides. */
class PoolPolicyTest {

  private static String describe(Decision d) {
    return switch (d) {
      case UseWarm w -> "warm " + w.rank();
      case Spawn s -> "spawn " + s.name().toLowerCase(java.util.Locale.ROOT);
      case Throttle t -> t.reason();
    };
  }

  @ParameterizedTest(name = "{8}: inFlight={0} reserved={1} idle={2} servedHere={3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # inFlight|reserved|idle|servedHere|unreservedInFlight|accountLimit|reservedTotal|starting|decision
          # a reservation is the function's limit: one below runs, at it throttles
          1 | 2 | 0 | 0 | 0    | 1000 | 2   | 0 | spawn near
          2 | 2 | 0 | 0 | 0    | 1000 | 2   | 0 | ReservedFunctionConcurrentInvocationLimitExceeded
          2 | 2 | 3 | 0 | 0    | 1000 | 2   | 0 | ReservedFunctionConcurrentInvocationLimitExceeded
          0 | 0 | 0 | 0 | 0    | 1000 | 0   | 0 | ReservedFunctionConcurrentInvocationLimitExceeded
          # a reserved function is bound by its reservation alone, not by the unreserved pool
          1 | 2 | 0 | 0 | 1000 | 1000 | 2   | 0 | spawn near
          # the others share what the reservations leave of the account limit
          5 | -1 | 0 | 0 | 899 | 1000 | 100 | 0 | spawn near
          5 | -1 | 0 | 0 | 900 | 1000 | 100 | 0 | ConcurrentInvocationLimitExceeded
          5 | -1 | 4 | 0 | 900 | 1000 | 100 | 0 | ConcurrentInvocationLimitExceeded
          0 | -1 | 0 | 0 | 0   | 0    | 0   | 0 | ConcurrentInvocationLimitExceeded
          # an idle sandbox is preferred to a new one: the most recently idle
          0 | -1 | 1 | 0 | 0   | 1000 | 0   | 0 | warm 0
          0 | -1 | 5 | 0 | 0   | 1000 | 0   | 3 | warm 0
          # else the most recent one last served on the requesting thread, within the scan
          0 | -1 | 5 | 4 | 0   | 1000 | 0   | 0 | warm 2
          0 | -1 | 5 | 6 | 0   | 1000 | 0   | 0 | warm 1
          0 | -1 | 8 | 128 | 0 | 1000 | 0   | 0 | warm 7
          0 | -1 | 20 | 128 | 0 | 1000 | 0  | 0 | warm 7
          # no idle sandbox: a lone cold start near the caller, during a burst spread
          0 | -1 | 0 | 0 | 0   | 1000 | 0   | 1 | spawn spread
          3 | 4 | 0 | 0 | 0    | 1000 | 4   | 7 | spawn spread
          """)
  void decidesEachAcquireByTheFirstRuleThatApplies(
      int inFlight,
      int reserved,
      int idle,
      int servedHere,
      int unreservedInFlight,
      int accountLimit,
      int reservedTotal,
      int starting,
      String expected) {
    Decision d =
        PoolPolicy.decide(
            new Demand(
                inFlight,
                reserved,
                idle,
                servedHere,
                unreservedInFlight,
                accountLimit,
                reservedTotal,
                starting));
    assertThat(describe(d)).isEqualTo(expected);
  }

  @Test
  void decisionsAreSharedConstantsSoDecidingAllocatesNothing() {
    Demand warm = new Demand(0, -1, 3, 2, 0, 10, 0, 0);
    assertThat(PoolPolicy.decide(warm)).isSameAs(PoolPolicy.decide(warm)).isSameAs(UseWarm.of(1));
    Demand throttled = new Demand(1, 1, 0, 0, 0, 10, 1, 0);
    assertThat(PoolPolicy.decide(throttled)).isSameAs(Throttle.RESERVED);
  }

  @Test
  void aDemandNamingASandboxPastTheScannedOnesIsRejected() {
    assertThatThrownBy(() -> new Demand(0, -1, 2, 0b100, 0, 10, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Demand(0, -1, 20, 1 << PoolPolicy.AFFINITY_SCAN, 0, 10, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Demand(-1, -1, 0, 0, 0, 10, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idleSandboxesAreReclaimedOnceIdleForTheKeepWarmTimeAndNeverBefore() {
    List<IdleSandbox> idle =
        List.of(
            new IdleSandbox("fresh", 900),
            new IdleSandbox("one-short", 101),
            new IdleSandbox("exactly", 100),
            new IdleSandbox("long-ago", -5000));
    assertThat(PoolPolicy.reclaim(idle, 200, 100)).containsExactly("exactly", "long-ago");
    assertThat(PoolPolicy.reclaim(idle, 200, 0))
        .containsExactly("one-short", "exactly", "long-ago");
    assertThat(PoolPolicy.reclaim(List.of(), 200, 100)).isEmpty();
    long hours6 = PoolPolicy.MAX_LIFETIME_NANOS;
    assertThat(
            PoolPolicy.reclaim(
                List.of(
                    new IdleSandbox("busy-for-6h", hours6, 0), new IdleSandbox("young", hours6, 1)),
                hours6,
                Long.MAX_VALUE))
        .as("a sandbox that just went idle is still retired after six hours of life")
        .containsExactly("busy-for-6h");
  }

  @Test
  void idleSandboxesExpireAfterTheKeepWarmTime() {
    assertThat(PoolPolicy.expired(100, 199, 100)).isFalse();
    assertThat(PoolPolicy.expired(100, 200, 100)).isTrue();
  }

  @Test
  void theIdleClockSurvivesTheTickerWrappingAround() {
    long since = Long.MAX_VALUE - 10;
    assertThat(PoolPolicy.expired(since, since + 99, 100)).isFalse(); // overflows, still 99 apart
    assertThat(PoolPolicy.expired(since, since + 100, 100)).isTrue();
  }
}
