package dev.outlet.invoke;

/**
 * What one finished invocation measured, as its REPORT line states it: the input of metrics.
 *
 * @param initMillis the Init Duration of a cold start, or a negative value on a warm start
 * @param outcome {@code Success}, {@code FunctionError} (the runtime reported an error) or {@code
 *     PlatformError} (crash, timeout, OOM, bad entrypoint)
 * @param errorType the platform's error type, or null
 * @param provisioned how provisioned concurrency served it, or null without any
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
    long endEpochMillis,
    ProvisionedUse provisioned) {

  /** The same sample, saying how provisioned concurrency served it. */
  public InvocationSample withProvisioned(ProvisionedUse use) {
    return new InvocationSample(
        function,
        version,
        architecture,
        memorySizeMb,
        durationMillis,
        initMillis,
        billedMillis,
        maxMemoryUsedMb,
        outcome,
        errorType,
        endEpochMillis,
        use);
  }

  public boolean cold() {
    return initMillis >= 0;
  }

  public boolean error() {
    return !outcome.equals("Success");
  }
}
