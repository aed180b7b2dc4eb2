package dev.outlet.server;

import dev.outlet.api.RoleCheck;
import dev.outlet.core.LambdaException;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.Role;
import dev.outlet.iam.policy.PolicyEvaluator;
import dev.outlet.iam.policy.Request;
import java.util.List;
import java.util.Optional;

/**
 * {@code --auth iam}'s check of a function's execution role, as Lambda makes it at CreateFunction
 * and UpdateFunctionConfiguration: the role must exist and its trust policy must let {@code
 * lambda.amazonaws.com} assume it; otherwise Lambda's {@code InvalidParameterValueException} "The
 * role defined for the function cannot be assumed by Lambda." A role that passes but cannot write
 * logs is accepted, with a warning in the server's log ({@link LogDelivery} drops the logs).
 */
final class ExecutionRoles implements RoleCheck {
  static final String CANNOT_ASSUME =
      "The role defined for the function cannot be assumed by Lambda.";

  private final IdentityStore identities;
  private final LogDelivery logs;

  ExecutionRoles(IdentityStore identities, LogDelivery logs) {
    this.identities = identities;
    this.logs = logs;
  }

  @Override
  public void check(String function, String roleArn) {
    Optional<Role> role = identities.role(roleArn);
    if (role.isEmpty() || !lambdaMayAssume(role.get(), roleArn)) {
      throw LambdaException.invalidParameter(CANNOT_ASSUME);
    }
    logs.warnIfDenied(function, roleArn);
  }

  static boolean lambdaMayAssume(Role role, String roleArn) {
    return PolicyEvaluator.evaluate(
            Request.of("lambda.amazonaws.com", "sts:AssumeRole", roleArn),
            List.of(),
            List.of(role.trustPolicy()))
        .allowed();
  }
}
