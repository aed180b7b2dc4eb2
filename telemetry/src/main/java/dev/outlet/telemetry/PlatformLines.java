package dev.outlet.telemetry;

/**
 * The platform's log lines, byte for byte as Lambda writes them (lambda-contract.md §1.11). Pure
 * functions; fields after the first are tab-separated.
 */
public final class PlatformLines {

  private PlatformLines() {}

  /** {@code INIT_START Runtime Version: ...} : the first line of a cold start. */
  public static String initStart(String runtimeVersion, String runtimeVersionArn) {
    return "INIT_START Runtime Version: "
        + runtimeVersion
        + "\tRuntime Version ARN: "
        + runtimeVersionArn;
  }

  public static String start(String requestId, String version) {
    return "START RequestId: " + requestId + " Version: " + version;
  }

  public static String end(String requestId) {
    return "END RequestId: " + requestId;
  }

  /** The platform's error line: {@code RequestId: <id> Error: <message>\n<type>}. */
  public static String error(String requestId, String message, String errorType) {
    return "RequestId: " + requestId + " Error: " + message + "\n" + errorType;
  }

  /**
   * The REPORT line.
   *
   * @param initMillis the Init Duration of a cold start, or a negative value on a warm start
   * @param status null on success, {@code timeout}, or {@code error}
   * @param errorType the Error Type shown with {@code Status: error}
   */
  public static String report(
      String requestId,
      double durationMillis,
      long billedMillis,
      int memorySizeMb,
      long maxMemoryUsedMb,
      double initMillis,
      String status,
      String errorType) {
    StringBuilder b = new StringBuilder(192);
    b.append("REPORT RequestId: ").append(requestId);
    b.append("\tDuration: ").append(millis(durationMillis)).append(" ms");
    b.append("\tBilled Duration: ").append(billedMillis).append(" ms");
    b.append("\tMemory Size: ").append(memorySizeMb).append(" MB");
    b.append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB");
    if (initMillis >= 0) {
      b.append("\tInit Duration: ").append(millis(initMillis)).append(" ms");
    }
    if (status == null) {
      b.append('\t');
    } else {
      b.append("\tStatus: ").append(status);
      if (errorType != null) {
        b.append("\tError Type: ").append(errorType);
      }
    }
    return b.toString();
  }

  /** {@code INIT_REPORT}: written when the init phase fails or times out. */
  public static String initReport(double initMillis, String phase, String status, String type) {
    String line =
        "INIT_REPORT Init Duration: "
            + millis(initMillis)
            + " ms\tPhase: "
            + phase
            + "\tStatus: "
            + status;
    return type == null ? line : line + "\tError Type: " + type;
  }

  /**
   * Billed Duration as Lambda computes it for custom runtimes: whole milliseconds, rounded up, with
   * the init time of a cold start included.
   */
  public static long billed(double durationMillis, double initMillis) {
    return (long) Math.ceil(durationMillis + Math.max(0, initMillis));
  }

  /** Bytes to MB as Lambda rounds Max Memory Used (up, to whole MB, at least 1). */
  public static long megabytes(long bytes) {
    return Math.max(1, (bytes + (1 << 20) - 1) >> 20);
  }

  /** Two decimals, rounded half up, without {@code String.format} (it is on every invocation). */
  static String millis(double value) {
    long hundredths = Math.round(value * 100);
    long whole = hundredths / 100;
    int frac = (int) (hundredths % 100);
    return whole + (frac < 10 ? ".0" : ".") + frac;
  }
}
