package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolPolicyTest {

  @Test
  void aFunctionWithoutReservationRunsWhileTheUnreservedPoolHasRoom() {
    assertThat(PoolPolicy.throttleReason(5, -1, 899, 1000, 100)).isNull();
    assertThat(PoolPolicy.throttleReason(5, -1, 900, 1000, 100))
        .isEqualTo("ConcurrentInvocationLimitExceeded");
  }

  @Test
  void aReservedFunctionIsBoundByItsReservationOnly() {
    assertThat(PoolPolicy.throttleReason(1, 2, 1000, 1000, 2)).isNull();
    assertThat(PoolPolicy.throttleReason(2, 2, 0, 1000, 2))
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
  }

  @Test
  void aReservationOfZeroThrottlesEveryInvocation() {
    assertThat(PoolPolicy.throttleReason(0, 0, 0, 1000, 0))
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
  }

  @Test
  void idleSandboxesExpireAfterTheKeepWarmTime() {
    assertThat(PoolPolicy.expired(100, 199, 100)).isFalse();
    assertThat(PoolPolicy.expired(100, 200, 100)).isTrue();
  }
}
