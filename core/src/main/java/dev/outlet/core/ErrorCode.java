package dev.outlet.core;

/**
 * The AWS Lambda error codes Outlet answers with, each with its HTTP status, the casing of the
 * message member in the body and its {@code Type} ("User", "Service" or none), as
 * lambda-contract.md §2.2 records them. Spellings here are wire names: never invent new ones.
 */
public enum ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, "Message", "User"),
  RESOURCE_CONFLICT("ResourceConflictException", 409, "message", "User"),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400, "message", "User"),
  VALIDATION("ValidationException", 400, "message", null),
  TOO_MANY_REQUESTS("TooManyRequestsException", 429, "message", "User"),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413, "message", null),
  POLICY_LENGTH_EXCEEDED("PolicyLengthExceededException", 400, "message", "User"),
  PRECONDITION_FAILED("PreconditionFailedException", 412, "message", "User"),
  INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400, "message", "User"),
  UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415, "message", "User"),
  ACCESS_DENIED("AccessDeniedException", 403, "Message", null),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, "message", null),
  METHOD_NOT_ALLOWED("MethodNotAllowedException", 405, "message", null),
  PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND(
      "ProvisionedConcurrencyConfigNotFoundException", 404, "message", "User"),
  SERVICE("ServiceException", 500, "Message", "Service");

  private final String wireName;
  private final int status;
  private final String messageMember;
  private final String type;

  ErrorCode(String wireName, int status, String messageMember, String type) {
    this.wireName = wireName;
    this.status = status;
    this.messageMember = messageMember;
    this.type = type;
  }

  public String wireName() {
    return wireName;
  }

  public int status() {
    return status;
  }

  /** {@code "message"} or {@code "Message"}: AWS is not consistent, clients read both. */
  public String messageMember() {
    return messageMember;
  }

  /** The body's {@code Type} member, or null when AWS sends none. */
  public String type() {
    return type;
  }
}
