package dev.outlet.iam;

import dev.outlet.edge.Call;
import dev.outlet.edge.Caller;
import dev.outlet.iam.IamWire.AssumeRoleInput;
import dev.outlet.iam.IamWire.AssumeRoleResult;
import dev.outlet.iam.IamWire.AssumedRoleUser;
import dev.outlet.iam.IamWire.CredentialsShape;
import dev.outlet.iam.policy.Request;
import java.time.Duration;
import java.util.Map;

/**
 * STS's AssumeRole: checks the input as STS does, then who asks against the role's trust policy
 * ({@link TrustDecision}; a caller that was not verified, in open mode, may assume any role), and
 * makes the session in the store. A role that does not exist is refused like one that does not
 * trust the caller ({@code AccessDenied}), as AWS does.
 */
final class AssumeRole {
  private static final int MIN_SECONDS = 900;
  private static final int MAX_SECONDS = 43_200;
  private static final int CHAINED_MAX_SECONDS = 3_600;

  private final IdentityStore store;

  AssumeRole(IdentityStore store) {
    this.store = store;
  }

  AssumeRoleResult run(Call call) {
    AssumeRoleInput in = call.input(AssumeRoleInput.class);
    String roleArn = IamValidation.required(in.roleArn(), "roleArn");
    String session = IamValidation.sessionName(in.roleSessionName());
    int seconds =
        IamValidation.seconds(
            in.durationSeconds(), "durationSeconds", MIN_SECONDS, MAX_SECONDS, 3600);
    Caller caller = call.caller();
    String callerArn =
        caller.verified() ? caller.principalArn() : "arn:aws:iam::" + store.accountId() + ":root";
    Role role =
        store
            .role(roleArn)
            .orElseThrow(() -> IamException.accessDenied(callerArn, TrustDecision.ACTION, roleArn));
    if (caller.verified()) {
      Request request =
          new Request(
              callerArn,
              TrustDecision.ACTION,
              roleArn,
              Map.of(
                  "aws:PrincipalArn", java.util.List.of(callerArn),
                  "aws:PrincipalAccount", java.util.List.of(store.accountId()),
                  "sts:RoleSessionName", java.util.List.of(session)));
      if (!TrustDecision.allows(request, role.trustPolicy(), store.identityPolicies(callerArn))) {
        throw IamException.accessDenied(callerArn, TrustDecision.ACTION, roleArn);
      }
    }
    if (seconds > role.maxSessionDuration()) {
      throw IamException.validation(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    if (callerArn.contains(":assumed-role/") && seconds > CHAINED_MAX_SECONDS) {
      throw IamException.validation(
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
              + " role chaining.");
    }
    TemporaryCredentials c = store.assumeRole(roleArn, session, Duration.ofSeconds(seconds));
    return new AssumeRoleResult(
        new CredentialsShape(c.accessKeyId(), c.secret(), c.sessionToken(), c.expiration()),
        new AssumedRoleUser(c.assumedRoleId(), c.arn()));
  }
}
