package dev.outlet.sqs;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves. */
final class ManualClock implements InstantSource {
  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
