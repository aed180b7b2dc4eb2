package dev.outlet.api;

import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of Environment.Variables with AWS's messages (lambda-contract.md §2.6). */
final class EnvironmentRules {
  private static final Pattern KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
  private static final Set<String> RESERVED =
      Set.of(
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_LAMBDA_RUNTIME_API",
          "AWS_XRAY_CONTEXT_MISSING",
          "AWS_XRAY_DAEMON_ADDRESS",
          "_AWS_XRAY_DAEMON_ADDRESS",
          "_AWS_XRAY_DAEMON_PORT",
          "_X_AMZN_TRACE_ID",
          "_HANDLER",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  private EnvironmentRules() {}

  /** Refuses what AWS refuses; {@code vars} may hold null values (JSON nulls), refused too. */
  static void check(Map<String, String> vars) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String k = e.getKey();
      if (RESERVED.contains(k)) {
        throw LambdaException.invalidParameter(
            "Lambda was unable to configure your environment variables because the environment"
                + " variables you have provided contains reserved keys that are currently not"
                + " supported for modification. Reserved keys used in this request: "
                + k);
      }
      if (!KEY.matcher(k).matches()) {
        throw LambdaException.validation(
            "[" + k + "]",
            "environment.variables",
            "Map keys must satisfy constraint: [Member must satisfy regular expression pattern:"
                + " [a-zA-Z]([a-zA-Z0-9_])+]");
      }
      if (e.getValue() == null) {
        throw LambdaException.validation(
            "[" + k + "]",
            "environment.variables",
            "Map value must satisfy constraint: [Member must not be null]");
      }
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(k).append("\":\"").append(e.getValue()).append('"');
    }
    String measured = json.append('}').toString();
    if (measured.getBytes(StandardCharsets.UTF_8).length > Limits.ENVIRONMENT) {
      throw LambdaException.invalidParameter(
          "Lambda was unable to configure your environment variables because the environment"
              + " variables you have provided exceeded the 4KB limit. String measured: "
              + measured);
    }
  }
}
