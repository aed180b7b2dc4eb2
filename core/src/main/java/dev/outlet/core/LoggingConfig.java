package dev.outlet.core;

/**
 * A function's LoggingConfig (lambda-contract.md §2.3): the format of its application and system
 * logs, their levels, and the log group they go to. Immutable.
 *
 * @param logFormat {@code Text} or {@code JSON}
 * @param applicationLogLevel TRACE, DEBUG, INFO, WARN, ERROR or FATAL; only with JSON (null with
 *     Text)
 * @param systemLogLevel DEBUG, INFO or WARN; only with JSON (null with Text)
 * @param logGroup the group, or null for {@code /aws/lambda/<function name>}
 */
public record LoggingConfig(
    String logFormat, String applicationLogLevel, String systemLogLevel, String logGroup) {

  public static final String TEXT = "Text";
  public static final String JSON = "JSON";

  /** Lambda's default: plain text into {@code /aws/lambda/<name>}. */
  public static final LoggingConfig DEFAULT = new LoggingConfig(TEXT, null, null, null);

  public boolean json() {
    return JSON.equals(logFormat);
  }

  /**
   * The record's usual form, written out: a sandbox's key holds it (through {@link
   * FunctionConfig#toString()}), and the generated one costs its linking at startup.
   */
  @Override
  public String toString() {
    return "LoggingConfig[logFormat="
        + logFormat
        + ", applicationLogLevel="
        + applicationLogLevel
        + ", systemLogLevel="
        + systemLogLevel
        + ", logGroup="
        + logGroup
        + "]";
  }

  /** The group the function's logs go to. */
  public String group(String functionName) {
    return logGroup != null ? logGroup : "/aws/lambda/" + functionName;
  }
}
