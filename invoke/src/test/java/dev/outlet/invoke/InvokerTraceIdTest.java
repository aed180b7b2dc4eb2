package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvokerTraceIdTest {

  @Test
  void traceIdsHaveTheXRayHeaderShape() {
    assertThat(Invoker.traceId(System.currentTimeMillis()))
        .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  }

  @Test
  void theRootCarriesTheEpochSecondsOfTheClockInHex() {
    assertThat(Invoker.traceId(1_700_000_000_999L)).startsWith("Root=1-6553f100-");
  }
}
