package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StubDemandTest {
  private static final long HOLD = TimeUnit.SECONDS.toNanos(60);

  private long now = 1_000_000L;
  private final StubDemand demand = new StubDemand(2, 300, HOLD, () -> now);

  private void coldStarts(int n) {
    for (int i = 0; i < n; i++) {
      demand.coldStart();
    }
  }

  private void advanceSeconds(long s) {
    now += TimeUnit.SECONDS.toNanos(s);
  }

  @Test
  void withNoDemandKeepsTheFloor() {
    assertThat(demand.target()).isEqualTo(2);
    advanceSeconds(3600);
    assertThat(demand.target()).isEqualTo(2);
  }

  @Test
  void aBurstLeavesAsManyStubsAsItsColdStarts() {
    coldStarts(200);
    assertThat(demand.target()).isEqualTo(200);
  }

  @Test
  void coldStartsOfDifferentWindowsDoNotAddUp() {
    coldStarts(50);
    advanceSeconds(10);
    coldStarts(30);
    assertThat(demand.target()).isEqualTo(50);
    coldStarts(40); // 70 in this window now
    assertThat(demand.target()).isEqualTo(70);
  }

  @Test
  void thePeakIsHeldThenHalvedEveryHoldDownToTheFloor() {
    coldStarts(200);
    advanceSeconds(9);
    assertThat(demand.target()).isEqualTo(200);
    advanceSeconds(50);
    assertThat(demand.target()).isEqualTo(200);
    advanceSeconds(1);
    assertThat(demand.target()).isEqualTo(100);
    advanceSeconds(60);
    assertThat(demand.target()).isEqualTo(50);
    advanceSeconds(60 * 10);
    assertThat(demand.target()).isEqualTo(2);
  }

  @Test
  void aSmallColdStartDoesNotResetTheDecay() {
    coldStarts(200);
    advanceSeconds(130); // halved twice: 50
    coldStarts(1);
    assertThat(demand.target()).isEqualTo(50);
    advanceSeconds(50); // 180 s after the peak: halved three times
    assertThat(demand.target()).isEqualTo(25);
  }

  @Test
  void aPeakReachedAgainIsHeldAgain() {
    coldStarts(100);
    advanceSeconds(70); // 50
    coldStarts(60);
    assertThat(demand.target()).isEqualTo(60);
    advanceSeconds(59);
    assertThat(demand.target()).isEqualTo(60);
    advanceSeconds(1);
    assertThat(demand.target()).isEqualTo(30);
  }

  @Test
  void neverAboveTheCap() {
    coldStarts(1000);
    assertThat(demand.target()).isEqualTo(300);
  }

  @Test
  void refusesACapBelowTheFloor() {
    assertThatThrownBy(() -> new StubDemand(5, 4, HOLD, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
