package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClfTimeTest {
  @Test
  void formatsApiGatewaysRequestTimeAndFollowsTheClockAcrossSeconds() {
    long t = 1_795_742_309_000L; // 2026-11-27T01:18:29Z
    assertThat(ClfTime.format(t)).isEqualTo("27/Nov/2026:01:18:29 +0000");
    assertThat(ClfTime.format(t + 999)).isEqualTo("27/Nov/2026:01:18:29 +0000");
    assertThat(ClfTime.format(t + 1000)).isEqualTo("27/Nov/2026:01:18:30 +0000");
    assertThat(ClfTime.format(t - 1)).isEqualTo("27/Nov/2026:01:18:28 +0000");
  }
}
