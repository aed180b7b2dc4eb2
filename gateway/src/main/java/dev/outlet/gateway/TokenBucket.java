package dev.outlet.gateway;

/**
 * A token bucket as API Gateway throttles with: it holds at most {@code burst} tokens, refills at
 * {@code rate} tokens per second and starts full; a request takes one token or is throttled.
 *
 * <p>Thread-safe (one lock per bucket, held for a few arithmetic operations). Time is passed in
 * (nanoseconds from any monotonic origin), so tests move it by hand.
 */
public final class TokenBucket {
  private final double rate;
  private final double burst;
  private double tokens;
  private long last;

  public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    this.rate = Math.max(0, ratePerSecond);
    this.burst = Math.max(0, burst);
    this.tokens = this.burst;
    this.last = nowNanos;
  }

  /** Takes one token if there is one; false means throttled. */
  public synchronized boolean tryTake(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(burst, tokens + (nowNanos - last) / 1e9 * rate);
      last = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  public double rate() {
    return rate;
  }

  public int burst() {
    return (int) burst;
  }
}
