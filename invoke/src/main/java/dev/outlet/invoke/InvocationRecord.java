package dev.outlet.invoke;

import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.InvocationResult;
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
    if (!sandbox.initialized() && result.failed()) {
      sandbox.log(
          lines.initReport(Math.max(initMillis, 0), "init", result.status(), result.errorType()));
    }
    if (!delivered) {
      sandbox.log(lines.start(requestId, sandbox.spec().version()));
    }
    if (result.outcome() == InvocationResult.Outcome.PLATFORM_ERROR
        && result.status() != null
        && !result.status().equals("timeout")) {
      sandbox.log(lines.error(requestId, errorMessage(result), result.errorType()));
    }
    long from = delivered ? sandbox.deliveredNanos() : startedNanos;
    double duration = Math.max(0, (endNanos - from) / 1e6);
    long maxMemory = PlatformLines.megabytes(sandbox.peakMemoryBytes());
    if ("Runtime.OutOfMemory".equals(result.errorType())) {
      maxMemory = sandbox.spec().memorySize();
    }
    long billed = PlatformLines.billed(duration, initMillis);
    sandbox.log(lines.end(requestId, result.status(), duration));
    sandbox.log(
        lines.report(
            requestId,
            duration,
            billed,
            sandbox.spec().memorySize(),
            maxMemory,
            initMillis,
            result.status(),
            result.status() == null || result.status().equals("timeout")
                ? null
                : result.errorType()));
    return new InvocationSample(
        sandbox.spec().functionName(),
        sandbox.spec().version(),
        sandbox.spec().architecture().wireName(),
        sandbox.spec().memorySize(),
        duration,
        initMillis,
        billed,
        maxMemory,
        switch (result.outcome()) {
          case SUCCESS -> "Success";
          case FUNCTION_ERROR -> "FunctionError";
          case PLATFORM_ERROR -> "PlatformError";
        },
        result.errorType(),
        endEpochMillis);
  }

  /** The message inside a platform error body, for the log line. */
  private static String errorMessage(InvocationResult result) {
    String body = new String(result.body(), java.nio.charset.StandardCharsets.UTF_8);
    String marker = " Error: ";
    int at = body.indexOf(marker);
    int end = body.lastIndexOf('"');
    if (at < 0 || end <= at) {
      return body;
    }
    return body.substring(at + marker.length(), end);
  }
}
