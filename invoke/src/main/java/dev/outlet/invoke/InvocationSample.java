package dev.outlet.invoke;

/**
 * What one finished invocation measured, as its REPORT line states it: the input of metrics.
 *
 * @param initMillis the Init Duration of a cold start, or a negative value on a warm start
 * @param outcome {@code Success}, {@code FunctionError} (the runtime reported an error) or {@code
 *     PlatformError} (crash, timeout, OOM, bad entrypoint)
 * @param errorType the platform's error type, or null
 */
public record InvocationSample(
    String function,
    String version,
    String architecture,
    int memorySizeMb,
    double durationMillis,
    double initMillis,
    long billedMillis,
    long maxMemoryUsedMb,
    String outcome,
    String errorType,
    long endEpochMillis) {

  public boolean cold() {
    return initMillis >= 0;
  }

  public boolean error() {
    return !outcome.equals("Success");
  }
}
