package dev.outlet.iam;

import dev.outlet.edge.AwsException;

/** IAM's errors, with its codes, statuses and messages (IAM speaks the query protocol only). */
public final class IamException extends AwsException {
  private static final long serialVersionUID = 1L;

  private IamException(String code, int status, String message) {
    super(code, status, message);
  }

  static IamException noSuchUser(String name) {
    return new IamException(
        "NoSuchEntity", 404, "The user with name " + name + " cannot be found.");
  }

  static IamException userExists(String name) {
    return new IamException(
        "EntityAlreadyExists", 409, "User with name " + name + " already exists.");
  }

  static IamException keysLeft() {
    return new IamException(
        "DeleteConflict", 409, "Cannot delete entity, must delete access keys first.");
  }

  static IamException keyQuota() {
    return new IamException("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2");
  }

  static IamException noSuchKey(String id) {
    return new IamException(
        "NoSuchEntity", 404, "The Access Key with id " + id + " cannot be found.");
  }

  static IamException validation(String message) {
    return new IamException("ValidationError", 400, message);
  }

  static IamException invalidAction(String message) {
    return new IamException("InvalidAction", 400, message);
  }

  static IamException malformed() {
    return new IamException("MalformedInput", 400, "The request body could not be parsed.");
  }

  static IamException internal(String requestId) {
    return new IamException(
        "ServiceFailure",
        500,
        "Outlet could not serve the request; see its log for " + requestId + ".");
  }
}
