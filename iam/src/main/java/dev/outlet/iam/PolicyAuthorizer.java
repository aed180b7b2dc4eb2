package dev.outlet.iam;

import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.Caller;
import dev.outlet.iam.policy.Decision;
import dev.outlet.iam.policy.DenialMessage;
import dev.outlet.iam.policy.PolicyEvaluator;
import dev.outlet.iam.policy.Request;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The authorizer of {@code --auth iam}: the caller's identity policies and the resource's policy,
 * evaluated with AWS's logic ({@link PolicyEvaluator}) over the request's condition keys: the
 * access's own, plus {@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code
 * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType} and, for users, {@code
 * aws:username}. The account's root is allowed everything, as on AWS. Thread-safe and
 * allocation-light: policies come parsed from memory, the clock is injected.
 */
public final class PolicyAuthorizer implements Authorizer {
  private final String accountId;
  private final IdentityPolicies identities;
  private final ResourcePolicies resources;
  private final InstantSource clock;

  public PolicyAuthorizer(
      String accountId,
      IdentityPolicies identities,
      ResourcePolicies resources,
      InstantSource clock) {
    this.accountId = accountId;
    this.identities = identities;
    this.resources = resources;
    this.clock = clock;
  }

  @Override
  public Verdict decide(Caller caller, Access access, String sourceIp) {
    String principal = caller.principalArn();
    if (principal == null) {
      // Only an unverified caller has no principal; iam mode verifies before it authorizes.
      return new Verdict.Denied("Missing Authentication Token");
    }
    if (principal.equals("arn:aws:iam::" + accountId + ":root")) {
      return Verdict.ALLOWED;
    }
    Request request =
        Request.of(
            principal, access.action(), access.resource(), context(principal, access, sourceIp));
    Decision decision =
        PolicyEvaluator.evaluate(
            request, identities.of(principal), resources.of(access.resource()));
    return decision.allowed()
        ? Verdict.ALLOWED
        : new Verdict.Denied(DenialMessage.of(request, decision));
  }

  /** A session's {@code aws:PrincipalArn} is its role's ARN, as AWS gives it. */
  private static String principalArn(String principal) {
    int at = principal.indexOf(":assumed-role/");
    if (at < 0) {
      return principal;
    }
    String rest = principal.substring(at + ":assumed-role/".length());
    int slash = rest.indexOf('/');
    String account = principal.substring("arn:aws:sts::".length(), at);
    return "arn:aws:iam::" + account + ":role/" + (slash < 0 ? rest : rest.substring(0, slash));
  }

  private Map<String, String> context(String principal, Access access, String sourceIp) {
    Map<String, String> context = new HashMap<>(access.context());
    Instant now = clock.instant();
    context.put("aws:CurrentTime", now.toString());
    context.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
    context.put("aws:PrincipalArn", principalArn(principal));
    context.put("aws:PrincipalAccount", accountId);
    if (sourceIp != null) {
      context.put("aws:SourceIp", sourceIp);
    }
    int user = principal.indexOf(":user/");
    if (user > 0) {
      context.put("aws:PrincipalType", "User");
      context.put("aws:username", principal.substring(principal.lastIndexOf('/') + 1));
    } else if (principal.contains(":assumed-role/")) {
      context.put("aws:PrincipalType", "AssumedRole");
    }
    return context;
  }
}
