package dev.outlet.core;

import java.util.Optional;

/**
 * A caller error (or a platform fault) with its AWS code and message. Thrown anywhere below the
 * HTTP edge; mapped to a response in exactly one place per HTTP surface.
 */
public final class LambdaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String reason;

  public LambdaException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public LambdaException(ErrorCode code, String message, String reason) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code Reason} member of a TooManyRequestsException, when there is one. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  public static LambdaException notFound(String message) {
    return new LambdaException(ErrorCode.RESOURCE_NOT_FOUND, message);
  }

  public static LambdaException invalidParameter(String message) {
    return new LambdaException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static LambdaException conflict(String message) {
    return new LambdaException(ErrorCode.RESOURCE_CONFLICT, message);
  }

  public static LambdaException tooLarge(String message) {
    return new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE, message);
  }

  /** AWS's one-constraint ValidationException text. */
  public static LambdaException validation(String value, String member, String constraint) {
    return new LambdaException(
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  public static LambdaException throttled(String reason) {
    return new LambdaException(ErrorCode.TOO_MANY_REQUESTS, "Rate Exceeded.", reason);
  }
}
