package dev.outlet.sandbox;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.core.Json;
import java.nio.charset.StandardCharsets;

/**
 * How an invocation ended, from the sandbox to the REPORT line, the metrics and the API response:
 * the runtime's answer ({@link Success}), an error the runtime reported ({@link FunctionError}), or
 * a failure the platform detected ({@link Failure}, with its {@link Failure.Cause}).
 */
public sealed interface InvocationResult
    permits InvocationResult.Success, InvocationResult.FunctionError, InvocationResult.Failure {

  /** The payload returned to the caller (the runtime's bytes, verbatim, or an error JSON). */
  byte[] body();

  String contentType();

  /** Whether the caller is told the function failed ({@code X-Amz-Function-Error: Unhandled}). */
  default boolean failed() {
    return !(this instanceof Success);
  }

  /** REPORT's and END's {@code Status}: null, {@code error} or {@code timeout}. */
  default String status() {
    return this instanceof Failure f ? f.cause().status() : null;
  }

  /** The runtime's answer. */
  record Success(byte[] body, String contentType) implements InvocationResult {}

  /** An error the runtime reported for the invocation ({@code POST .../error}). */
  record FunctionError(byte[] body) implements InvocationResult {
    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /**
   * A failure the platform detected.
   *
   * @param errorType AWS's error type: one of {@link FunctionErrorType}, or the type a runtime sent
   *     with {@code /init/error}
   * @param message what the platform's error line says
   */
  record Failure(Cause cause, String errorType, String message, byte[] body)
      implements InvocationResult {

    /** How the platform saw the invocation end. */
    public enum Cause {
      /** The function ran past its timeout. */
      TIMEOUT("timeout"),
      /** The runtime process exited. */
      EXIT("error"),
      /** The runtime process was killed for memory. */
      OUT_OF_MEMORY("error"),
      /** The runtime reported an initialization error. */
      INIT_ERROR("error"),
      /** The sandbox could not be started. */
      LAUNCH("error"),
      /** The response was over Lambda's limit. */
      RESPONSE_TOO_LARGE("error");

      private final String status;

      Cause(String status) {
        this.status = status;
      }

      public String status() {
        return status;
      }
    }

    @Override
    public String contentType() {
      return "application/json";
    }

    /**
     * A failure with the body AWS returns: {@code {"errorType":...,"errorMessage":"RequestId: <id>
     * Error: <message>"}}.
     */
    public static Failure of(Cause cause, String requestId, String errorType, String message) {
      String json =
          "{\"errorType\":\""
              + Json.escape(errorType)
              + "\",\"errorMessage\":\""
              + Json.escape("RequestId: " + requestId + " Error: " + message)
              + "\"}";
      return new Failure(cause, errorType, message, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #of} with one of Lambda's own error types. */
    public static Failure of(
        Cause cause, String requestId, FunctionErrorType errorType, String message) {
      return of(cause, requestId, errorType.wireName(), message);
    }

    /** A failure whose body is given verbatim (what the runtime posted to /init/error). */
    public static Failure verbatim(Cause cause, String errorType, byte[] body) {
      return new Failure(cause, errorType, new String(body, StandardCharsets.UTF_8), body);
    }

    /** Runtime.ExitError, or Runtime.OutOfMemory when the kernel killed the runtime for memory. */
    static Failure exited(String requestId, int code, boolean oomKilled) {
      return of(
          oomKilled ? Cause.OUT_OF_MEMORY : Cause.EXIT,
          requestId,
          oomKilled
              ? FunctionErrorType.RUNTIME_OUT_OF_MEMORY
              : FunctionErrorType.RUNTIME_EXIT_ERROR,
          ExitStatus.message(code));
    }

    /** The runtime's response was over {@code limit}: the caller gets this error instead. */
    static Failure responseTooLarge(long limit) {
      String message =
          "Response payload size exceeded maximum allowed payload size (" + limit + " bytes).";
      FunctionErrorType type = FunctionErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE;
      String body =
          "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type.wireName() + "\"}";
      return new Failure(
          Cause.RESPONSE_TOO_LARGE,
          type.wireName(),
          message,
          body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
