package dev.outlet.metrics.api;

import dev.outlet.edge.AwsException;

/**
 * The client-visible CloudWatch errors: the query-protocol code, the JSON/CBOR shape name and the
 * HTTP status. {@link #with} makes the {@link AwsException} the edge renders in the request's
 * protocol (the query code in XML and in {@code x-amzn-query-error}, the shape in {@code __type}).
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

  /** This error with its client-visible message. */
  AwsException with(String message) {
    return new AwsException(shape, code, status, message);
  }
}
