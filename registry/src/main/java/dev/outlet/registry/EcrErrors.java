package dev.outlet.registry;

import dev.outlet.edge.AwsException;

/** ECR's errors, with AWS's codes and messages (JSON 1.1: {@code __type} and {@code message}). */
final class EcrErrors {
  private EcrErrors() {}

  static AwsException repositoryNotFound(String name, String account) {
    return new AwsException(
        "RepositoryNotFoundException",
        400,
        "The repository with name '"
            + name
            + "' does not exist in the registry with id '"
            + account
            + "'");
  }

  static AwsException repositoryExists(String name, String account) {
    return new AwsException(
        "RepositoryAlreadyExistsException",
        400,
        "The repository with name '"
            + name
            + "' already exists in the registry with id '"
            + account
            + "'");
  }

  static AwsException repositoryNotEmpty(String name, String account) {
    return new AwsException(
        "RepositoryNotEmptyException",
        400,
        "The repository with name '"
            + name
            + "' in registry with id '"
            + account
            + "' cannot be deleted because it still contains images");
  }

  static AwsException lifecyclePolicyNotFound(String name, String account) {
    return new AwsException(
        "LifecyclePolicyNotFoundException",
        400,
        "Lifecycle policy does not exist for the repository with name '"
            + name
            + "' in the registry with id '"
            + account
            + "'");
  }

  static AwsException invalid(String message) {
    return new AwsException("InvalidParameterException", 400, message);
  }

  /** A member that fails its constraint, in AWS's words. */
  static AwsException constraint(String member, Object value, String constraint) {
    return invalid(
        "Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint + "'");
  }

  static AwsException imageNotFound(String message) {
    return new AwsException("ImageNotFoundException", 400, message);
  }

  /** The ECR error a registry refusal stands for. */
  static AwsException of(RegistryError e, String account) {
    return switch (e.code()) {
      case NAME_UNKNOWN -> new AwsException("RepositoryNotFoundException", 400, e.getMessage());
      case MANIFEST_UNKNOWN -> imageNotFound(e.getMessage());
      case TAG_INVALID -> new AwsException("ImageTagAlreadyExistsException", 400, e.getMessage());
      default -> invalid(e.getMessage());
    };
  }
}
