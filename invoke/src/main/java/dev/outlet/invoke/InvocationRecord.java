package dev.outlet.invoke;

import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.InvocationResult.Failure.Cause;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.telemetry.PlatformLines;
import dev.outlet.telemetry.PlatformLog;

/**
 * Writes the closing lines of one invocation (INIT_REPORT when init failed, the platform error
 * line, END, REPORT) into its sandbox's stream. Exactly one record per invocation, on every path.
 */
final class InvocationRecord {
  private InvocationRecord() {}

  /**
   * Writes the lines and returns what they state, for metrics.
   *
   * @param startedNanos when the invoker accepted the invocation (for invocations that never
   *     reached the runtime)
   * @param endEpochMillis the sample's timestamp
   */
  static InvocationSample write(
      Sandbox sandbox,
      Invocation inv,
      long startedNanos,
      long endNanos,
      long endEpochMillis,
      InvocationResult result) {
    String requestId = inv.requestId();
    PlatformLog lines = sandbox.platformLog();
    boolean delivered = inv.isDelivered();
    if (!delivered) {
      sandbox.captureUndelivered(inv);
    }
    double initMillis = sandbox.takeInitMillis();
    InvocationResult.Failure failure = result instanceof InvocationResult.Failure f ? f : null;
    if (!sandbox.initialized() && result.failed()) {
      double init = Math.max(initMillis, 0);
      String initError = failure == null ? null : failure.errorType();
      sandbox.platform(l -> l.initReport(init, "init", result.status(), initError));
    }
    if (!delivered) {
      sandbox.platform(l -> l.start(requestId, sandbox.spec().version()));
    }
    if (failure != null && writesErrorLine(failure.cause())) {
      sandbox.log(lines.error(requestId, failure.message(), failure.errorType()));
    }
    long from = delivered ? sandbox.deliveredNanos() : startedNanos;
    double duration = Math.max(0, (endNanos - from) / 1e6);
    long maxMemory = PlatformLines.megabytes(sandbox.peakMemoryBytes());
    if (failure != null && failure.cause() == Cause.OUT_OF_MEMORY) {
      maxMemory = sandbox.spec().memorySize();
    }
    long billed = PlatformLines.billed(duration, initMillis);
    sandbox.platform(l -> l.end(requestId, result.status(), duration));
    long memory = maxMemory;
    String errorType =
        failure == null || failure.cause() == Cause.TIMEOUT ? null : failure.errorType();
    sandbox.platform(
        l ->
            l.report(
                requestId,
                duration,
                billed,
                sandbox.spec().memorySize(),
                memory,
                initMillis,
                result.status(),
                errorType));
    return new InvocationSample(
        sandbox.spec().functionName(),
        sandbox.spec().version(),
        sandbox.spec().architecture().wireName(),
        sandbox.spec().memorySize(),
        duration,
        initMillis,
        billed,
        maxMemory,
        switch (result) {
          case InvocationResult.Success s -> "Success";
          case InvocationResult.FunctionError e -> "FunctionError";
          case InvocationResult.Failure f ->
              f.cause() == Cause.RESPONSE_TOO_LARGE ? "FunctionError" : "PlatformError";
        },
        failure == null ? null : failure.errorType(),
        endEpochMillis,
        null);
  }

  /**
   * Whether the platform writes its own error line: not for a timeout (END and REPORT say it) nor
   * for an oversized response (the caller's error says it).
   */
  private static boolean writesErrorLine(Cause cause) {
    return cause != Cause.TIMEOUT && cause != Cause.RESPONSE_TOO_LARGE;
  }
}
