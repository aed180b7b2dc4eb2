package dev.outlet.gateway;

import dev.outlet.core.LambdaException;
import java.util.List;

/**
 * The one place Function URL requests are validated, with Lambda's messages (ValidationException's
 * {@code Value ... at '...' failed to satisfy constraint}). Pure.
 */
final class FunctionUrlRules {
  private FunctionUrlRules() {}

  /** The auth type, required on create. */
  static String authType(String s, boolean required) {
    if (s == null && required) {
      throw LambdaException.validation(
          "null", "authType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
    }
    if (!"NONE".equals(s) && !"AWS_IAM".equals(s)) {
      throw LambdaException.validation(
          s, "authType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
    }
    return s;
  }

  /** The invoke mode, BUFFERED when absent. */
  static String invokeMode(String mode) {
    String s = mode == null ? "BUFFERED" : mode;
    if (!s.equals("BUFFERED") && !s.equals("RESPONSE_STREAM")) {
      throw LambdaException.validation(
          s, "invokeMode", "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
    }
    return s;
  }

  /** The CORS configuration as given (null stays null), or ValidationException. */
  static FunctionUrlConfig.Cors cors(FunctionUrlConfig.Cors c) {
    if (c == null) {
      return null;
    }
    int maxAge = c.maxAge() == null ? 0 : c.maxAge();
    if (maxAge < 0 || maxAge > 86400) {
      throw LambdaException.validation(
          Integer.toString(maxAge),
          "cors.maxAge",
          "Member must have value less than or equal to 86400");
    }
    List<String> methods = c.allowMethods();
    if (methods != null && methods.size() > 6) {
      throw LambdaException.validation(
          ApisModel.write(methods),
          "cors.allowMethods",
          "Member must have length less than or equal to 6");
    }
    return c;
  }
}
