package dev.outlet.sqs;

import dev.outlet.edge.AwsException;

/**
 * SQS's client-visible errors: the JSON protocol's shape ({@code __type}), the query protocol's
 * code (also in {@code x-amzn-query-error}, which SDKs on the JSON protocol read) and the HTTP
 * status. {@link #with} makes the {@link AwsException} the edge renders once, in the request's
 * protocol.
 */
enum SqsError {
  QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
  QUEUE_ALREADY_EXISTS("QueueNameExists", "QueueAlreadyExists"),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue"),
  MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter"),
  INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName"),
  INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue"),
  INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents"),
  RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid"),
  MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"),
  EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
  TOO_MANY_ENTRIES(
      "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
  BATCH_IDS_NOT_DISTINCT(
      "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
  BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
  INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
  INVALID_ACTION("InvalidAction", "InvalidAction"),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", "ResourceNotFoundException"),
  MALFORMED("SerializationException", "MalformedQueryString"),
  INTERNAL("InternalError", "InternalError", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailable", "ServiceUnavailable", 503);

  private static final String PREFIX = "com.amazonaws.sqs#";

  final String shape;
  final String code;
  final int status;

  SqsError(String shape, String code) {
    this(shape, code, 400);
  }

  SqsError(String shape, String code, int status) {
    this.shape = shape;
    this.code = code;
    this.status = status;
  }

  /** This error with its client-visible message. */
  AwsException with(String message) {
    return new AwsException(PREFIX + shape, code, status, message);
  }

  /** {@code InvalidParameterValue} with AWS's "One or more parameters are invalid." lead. */
  static AwsException invalid(String reason) {
    return INVALID_PARAMETER_VALUE.with("One or more parameters are invalid. Reason: " + reason);
  }

  /** {@code InvalidParameterValue} naming a parameter's value. */
  static AwsException invalidValue(String parameter, Object value, String reason) {
    return INVALID_PARAMETER_VALUE.with(
        "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
  }

  /** {@code MissingParameter} for a required parameter. */
  static AwsException missing(String parameter) {
    return MISSING_PARAMETER.with("The request must contain the parameter " + parameter + ".");
  }

  static AwsException noQueue() {
    return QUEUE_DOES_NOT_EXIST.with("The specified queue does not exist.");
  }
}
