package dev.outlet.cloudwatch;

import dev.outlet.edge.AwsException;

/**
 * A failure a client caused or should see: the CloudWatch Logs error code (the wire {@code
 * __type}), its HTTP status and a message safe to send. Thrown by operations, rendered by the edge.
 */
final class LogsException extends AwsException {
  private static final long serialVersionUID = 1L;

  LogsException(String code, int status, String message) {
    super(code, status, message);
  }

  static LogsException invalid(String message) {
    return new LogsException("InvalidParameterException", 400, message);
  }

  static LogsException groupNotFound() {
    return new LogsException(
        "ResourceNotFoundException", 400, "The specified log group does not exist.");
  }

  static LogsException streamNotFound() {
    return new LogsException(
        "ResourceNotFoundException", 400, "The specified log stream does not exist.");
  }

  static LogsException alreadyExists(String message) {
    return new LogsException("ResourceAlreadyExistsException", 400, message);
  }

  static LogsException serialization(String message) {
    return new LogsException("SerializationException", 400, message);
  }

  static LogsException unknownOperation(String operation) {
    return new LogsException(
        "UnknownOperationException", 400, "Outlet does not serve the operation " + operation);
  }

  /** A platform fault, with a fixed message: the details go to Outlet's log only. */
  static LogsException unavailable() {
    return new LogsException(
        "ServiceUnavailableException",
        500,
        "Outlet's log store cannot complete the request; see its log for details.");
  }
}
