package dev.outlet.cloudwatch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs' constraints on request members, worded as AWS words them: the one place the
 * request records' {@link LogsInput#validate()} methods take their checks and messages from. Pure
 * functions; each throws {@link LogsException} ({@code InvalidParameterException}) or returns the
 * checked value.
 */
final class LogsValidation {

  private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern STREAM = Pattern.compile("[^:*]{1,512}");

  private LogsValidation() {}

  /** A member that must be present and non-empty. */
  static String required(String value, String member) {
    if (value == null || value.isEmpty()) {
      throw invalidValue(
          value, member, "Member must not be null and must have length greater than 0");
    }
    return value;
  }

  /** An optional whole number within {@code [min, max]}. */
  static void range(Long value, String member, long min, long max) {
    if (value == null) {
      return;
    }
    if (value < min) {
      throw invalidValue(value, member, "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw invalidValue(value, member, "Member must have value less than or equal to " + max);
    }
  }

  /** An optional member that must be one of {@code values}. */
  static <T> void oneOf(T value, String member, List<T> values) {
    if (value != null && !values.contains(value)) {
      throw invalidValue(value, member, "Member must satisfy enum value set: " + values);
    }
  }

  /** Two optional members of which at most one may be given. */
  static void exclusive(Object one, Object other, String message) {
    if (one != null && other != null) {
      throw LogsException.invalid(message);
    }
  }

  /** The name of a group to create. */
  static String groupName(String name) {
    required(name, "logGroupName");
    if (!GROUP.matcher(name).matches()) {
      throw invalidValue(
          name,
          "logGroupName",
          "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
    return name;
  }

  /** The name of a stream to create. */
  static String streamName(String name) {
    required(name, "logStreamName");
    if (!STREAM.matcher(name).matches()) {
      throw invalidValue(
          name, "logStreamName", "Member must satisfy regular expression pattern: [^:*]*");
    }
    return name;
  }

  /**
   * The log group named by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an ARN,
   * with or without its trailing {@code :*}).
   */
  static String group(String logGroupName, String logGroupIdentifier) {
    exclusive(
        logGroupName,
        logGroupIdentifier,
        "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    if (logGroupIdentifier != null) {
      return Arns.groupOf(logGroupIdentifier);
    }
    if (logGroupName == null || logGroupName.isEmpty()) {
      throw LogsException.invalid("Should provide either log group name or log group arn.");
    }
    return logGroupName;
  }

  /** AWS's wording of a constraint violation. */
  static LogsException invalidValue(Object value, String member, String constraint) {
    return LogsException.invalid(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
