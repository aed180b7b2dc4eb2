package dev.outlet.metrics.api;

/**
 * A client-visible CloudWatch error: the query-protocol code, the JSON/CBOR shape name, the HTTP
 * status and the fault side.
 */
enum ApiError {
  INVALID_PARAMETER_VALUE("InvalidParameterValue", "InvalidParameterValueException", 400),
  MISSING_PARAMETER("MissingParameter", "MissingRequiredParameterException", 400),
  INVALID_PARAMETER_COMBINATION(
      "InvalidParameterCombination", "InvalidParameterCombinationException", 400),
  INVALID_ACTION("InvalidAction", "InvalidAction", 400),
  INTERNAL("InternalServiceError", "InternalServiceFault", 500);

  final String code;
  final String shape;
  final int status;

  ApiError(String code, String shape, int status) {
    this.code = code;
    this.shape = shape;
    this.status = status;
  }

  /** {@code Sender} for the client's mistakes, {@code Receiver} for Outlet's. */
  String type() {
    return status < 500 ? "Sender" : "Receiver";
  }

  ApiException with(String message) {
    return new ApiException(this, message);
  }

  /** An error with its client-visible message. */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ApiError error;

    ApiException(ApiError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }
  }
}
