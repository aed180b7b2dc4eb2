package dev.outlet.sandbox;

import dev.outlet.core.Ticker;

/**
 * How many launch stubs to keep ready: the recent peak of cold starts, predicted to come back. Cold
 * starts are counted per {@link #WINDOW_NANOS window} (a burst's cold starts arrive within one);
 * the peak is the largest count of a window, held for {@code holdNanos} after it was last reached,
 * then halved every further {@code holdNanos} unused, down to the floor. The target is that peak,
 * at least {@code floor}, at most {@code cap} (the stubs' memory budget). Pure: its time comes from
 * the injected ticker; not thread-safe (its owner synchronizes).
 */
final class StubDemand {
  /**
   * The window cold starts are counted in: a burst arrives within one (its starts last seconds).
   */
  static final long WINDOW_NANOS = 10_000_000_000L;

  private final int floor;
  private final int cap;
  private final long holdNanos;
  private final Ticker ticker;
  private long windowStart;
  private int inWindow;
  private int peak;
  private long peakAt;

  /**
   * @param floor stubs kept ready with no demand
   * @param cap the most stubs ever kept ready
   * @param holdNanos how long a peak is kept unused before it halves (and then between halvings)
   */
  StubDemand(int floor, int cap, long holdNanos, Ticker ticker) {
    if (floor < 0 || cap < floor || holdNanos <= 0) {
      throw new IllegalArgumentException("floor " + floor + ", cap " + cap + ", hold " + holdNanos);
    }
    this.floor = floor;
    this.cap = cap;
    this.holdNanos = holdNanos;
    this.ticker = ticker;
    this.windowStart = ticker.nanos();
    this.peakAt = windowStart;
  }

  /** Counts one cold start now. */
  void coldStart() {
    long now = ticker.nanos();
    if (now - windowStart >= WINDOW_NANOS) {
      windowStart = now;
      inWindow = 0;
    }
    inWindow++;
    int current = decayed(now);
    if (inWindow >= current) {
      peak = inWindow;
      peakAt = now;
    } else {
      peak = current; // the decay so far is kept, and its clock goes on from its last step
      peakAt = now - (now - peakAt) % holdNanos;
    }
  }

  /** The stubs to keep ready now: between floor and cap. */
  int target() {
    return Math.min(cap, Math.max(floor, decayed(ticker.nanos())));
  }

  private int decayed(long now) {
    long halvings = (now - peakAt) / holdNanos;
    return halvings >= 31 ? 0 : peak >> halvings;
  }
}
