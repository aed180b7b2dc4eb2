package dev.outlet.api;

import dev.outlet.core.LambdaException;
import dev.outlet.core.LoggingConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of a request's LoggingConfig with AWS's messages, and how it applies to the current
 * setting. Pure.
 */
final class LoggingRules {
  private static final List<String> FORMATS = List.of("JSON", "Text");
  private static final List<String> APPLICATION_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
  private static final List<String> SYSTEM_LEVELS = List.of("DEBUG", "INFO", "WARN");
  private static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");

  private LoggingRules() {}

  /**
   * {@code request} applied to {@code base}: what is absent is kept; levels exist only with JSON
   * (INFO by default, as AWS), and asking for one with Text is refused as AWS refuses it.
   */
  static LoggingConfig apply(dev.outlet.api.model.LoggingConfig request, LoggingConfig base) {
    String format = enumValue(request.logFormat(), "loggingConfig.logFormat", FORMATS);
    String app =
        enumValue(
            request.applicationLogLevel(), "loggingConfig.applicationLogLevel", APPLICATION_LEVELS);
    String system =
        enumValue(request.systemLogLevel(), "loggingConfig.systemLogLevel", SYSTEM_LEVELS);
    String group = request.logGroup();
    if (group != null) {
      if (group.isEmpty() || group.length() > 512) {
        throw LambdaException.validation(
            group,
            "loggingConfig.logGroup",
            group.isEmpty()
                ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 512");
      }
      if (!LOG_GROUP.matcher(group).matches()) {
        throw LambdaException.validation(
            group,
            "loggingConfig.logGroup",
            "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
      }
    }
    String resultFormat = format != null ? format : base.logFormat();
    if (LoggingConfig.TEXT.equals(resultFormat)) {
      if (app != null || system != null) {
        throw LambdaException.invalidParameter(
            "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from"
                + " your request or change the LogFormat to \"JSON\" and try again.");
      }
      return new LoggingConfig(
          LoggingConfig.TEXT, null, null, group != null ? group : base.logGroup());
    }
    String baseApp = base.applicationLogLevel() != null ? base.applicationLogLevel() : "INFO";
    String baseSystem = base.systemLogLevel() != null ? base.systemLogLevel() : "INFO";
    return new LoggingConfig(
        LoggingConfig.JSON,
        app != null ? app : baseApp,
        system != null ? system : baseSystem,
        group != null ? group : base.logGroup());
  }

  private static String enumValue(String value, String member, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw LambdaException.validation(
          value, member, "Member must satisfy enum value set: " + allowed);
    }
    return value;
  }
}
