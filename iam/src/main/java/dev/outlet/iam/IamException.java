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

  static IamException noSuchRole(String name) {
    return new IamException(
        "NoSuchEntity", 404, "The role with name " + name + " cannot be found.");
  }

  static IamException roleExists(String name) {
    return new IamException(
        "EntityAlreadyExists", 409, "Role with name " + name + " already exists.");
  }

  static IamException policiesAttached() {
    return new IamException(
        "DeleteConflict", 409, "Cannot delete entity, must detach all policies first.");
  }

  static IamException inlinePoliciesLeft() {
    return new IamException(
        "DeleteConflict", 409, "Cannot delete entity, must delete policies first.");
  }

  static IamException noSuchInlinePolicy(Holder holder, String policyName) {
    return new IamException(
        "NoSuchEntity",
        404,
        "The " + holder.word() + " policy with name " + policyName + " cannot be found.");
  }

  static IamException notAttachable(String arn) {
    return new IamException(
        "NoSuchEntity", 404, "Policy " + arn + " does not exist or is not attachable.");
  }

  static IamException noSuchPolicy(String arn) {
    return new IamException("NoSuchEntity", 404, "Policy " + arn + " was not found.");
  }

  static IamException noSuchPolicyVersion(String arn, String versionId) {
    return new IamException(
        "NoSuchEntity",
        404,
        "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
  }

  static IamException policyExists(String name) {
    return new IamException(
        "EntityAlreadyExists",
        409,
        "A policy called " + name + " already exists. Duplicate names are not allowed.");
  }

  static IamException policyAttached() {
    return new IamException("DeleteConflict", 409, "Cannot delete a policy attached to entities.");
  }

  static IamException attachmentQuota(Holder holder, int quota) {
    return new IamException(
        "LimitExceeded",
        409,
        "Cannot exceed quota for PoliciesPer"
            + (holder == Holder.USER ? "User" : "Role")
            + ": "
            + quota);
  }

  static IamException limit(String message) {
    return new IamException("LimitExceeded", 409, message);
  }

  static IamException malformedPolicy(String message) {
    return new IamException("MalformedPolicyDocument", 400, message);
  }

  static IamException accessDenied(String caller, String action, String resource) {
    return new IamException(
        "AccessDenied",
        403,
        "User: "
            + caller
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource);
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
