package dev.outlet.core;

/**
 * Start-up stamps for finding where a start's milliseconds go: with {@code OUTLET_STARTUP_TRACE}
 * set, each {@link #mark} prints {@code [startup] <ms since the JVM started> <ms since the last
 * mark> <step>} to standard error; unset, a mark costs one field read. Thread-safe.
 */
public final class StartupTrace {
  private static final boolean ON = System.getenv("OUTLET_STARTUP_TRACE") != null;
  private static final long JVM_START_MS = ON ? jvmStartMillis() : 0;
  private static long last = ON ? System.currentTimeMillis() : 0;

  private StartupTrace() {}

  /** Whether stamps are printed. */
  public static boolean on() {
    return ON;
  }

  /** Prints a stamp for {@code step} when tracing is on. */
  public static void mark(String step) {
    if (!ON) {
      return;
    }
    long now = System.currentTimeMillis();
    long since;
    synchronized (StartupTrace.class) {
      since = now - last;
      last = now;
    }
    System.err.printf(
        "[startup] %5d ms %+5d ms %s (%s)%n",
        now - JVM_START_MS, since, step, Thread.currentThread().getName());
  }

  private static long jvmStartMillis() {
    // only when tracing: the management classes it loads would slow every start
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
  }
}
