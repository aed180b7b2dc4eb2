package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvokerTraceIdTest {

  @Test
  void traceIdsHaveTheXRayHeaderShape() {
    assertThat(Invoker.traceId())
        .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  }
}
