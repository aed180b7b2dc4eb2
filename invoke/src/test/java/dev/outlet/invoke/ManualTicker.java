package dev.outlet.invoke;

import dev.outlet.core.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test says so. */
final class ManualTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_000_000);

  @Override
  public long nanos() {
    return now.get();
  }

  void advance(long nanos) {
    now.addAndGet(nanos);
  }
}
