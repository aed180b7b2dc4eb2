package dev.outlet.core;

/**
 * A monotonic time source in nanoseconds ({@link System#nanoTime()} in production), injected into
 * the classes that measure durations or idle times so that tests can move time by hand. Wall time
 * comes from a {@link java.time.InstantSource} instead. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Ticker {

  /** Nanoseconds since an arbitrary origin; only differences between two readings mean anything. */
  long nanos();

  /** {@link System#nanoTime()}; allocation-free to read. */
  static Ticker system() {
    return System::nanoTime;
  }
}
