package dev.outlet.sandbox;

import dev.outlet.core.Json;
import java.nio.charset.StandardCharsets;

/**
 * How an invocation ended, as the caller will see it.
 *
 * @param outcome success, a function error the runtime reported, or a platform-detected failure
 * @param body the payload returned to the caller (the runtime's bytes, verbatim, or an error JSON)
 * @param errorType for REPORT's {@code Error Type} (null on success and on reported function
 *     errors)
 * @param status for REPORT's {@code Status} ({@code error}, {@code timeout}, or null)
 */
public record InvocationResult(
    Outcome outcome, byte[] body, String contentType, String errorType, String status) {

  /** The three ways an invocation ends. */
  public enum Outcome {
    SUCCESS,
    FUNCTION_ERROR,
    PLATFORM_ERROR
  }

  public boolean failed() {
    return outcome != Outcome.SUCCESS;
  }

  public static InvocationResult success(byte[] body, String contentType) {
    return new InvocationResult(Outcome.SUCCESS, body, contentType, null, null);
  }

  public static InvocationResult functionError(byte[] body) {
    return new InvocationResult(Outcome.FUNCTION_ERROR, body, "application/json", null, null);
  }

  /**
   * A failure the platform detected (crash, timeout, OOM, bad entrypoint), with the body AWS
   * returns: {@code {"errorType":...,"errorMessage":"RequestId: <id> Error: <message>"}}.
   */
  public static InvocationResult platformError(
      String requestId, String errorType, String message, String status) {
    String json =
        "{\"errorType\":\""
            + errorType
            + "\",\"errorMessage\":\""
            + Json.escape("RequestId: " + requestId + " Error: " + message)
            + "\"}";
    return new InvocationResult(
        Outcome.PLATFORM_ERROR,
        json.getBytes(StandardCharsets.UTF_8),
        "application/json",
        errorType,
        status);
  }

  /** A failure with a body given verbatim (e.g. what the runtime posted to /init/error). */
  public static InvocationResult platformError(byte[] body, String errorType) {
    return new InvocationResult(
        Outcome.PLATFORM_ERROR, body, "application/json", errorType, "error");
  }
}
