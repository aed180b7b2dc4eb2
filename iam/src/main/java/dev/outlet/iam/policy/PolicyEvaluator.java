package dev.outlet.iam.policy;

import java.util.List;
import java.util.Objects;

/**
 * Decides a request against the policies that apply to it, following AWS's evaluation logic for a
 * single account and across accounts:
 *
 * <ol>
 *   <li>An applicable {@code Deny} statement in any policy, identity- or resource-based, denies
 *       ({@link Decision.ExplicitDeny}); nothing overrides it.
 *   <li>Otherwise, when the caller and the resource are in the same account (or either has no
 *       account, as a service principal), an applicable {@code Allow} in either kind of policy
 *       allows ({@link Decision.Allowed}).
 *   <li>When they are in different accounts, both sides must allow: the caller's identity policies
 *       and the resource's policy.
 *   <li>Otherwise the request is denied implicitly ({@link Decision.ImplicitDeny}), naming the kind
 *       of policy whose allow was missing.
 * </ol>
 *
 * <p>Pure and thread-safe: a static function over immutable values, with no clock and no I/O;
 * parsed documents can be cached and shared. It never throws for any parsed document and request.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /**
   * @param request who asks to do what on which resource, with its condition keys
   * @param identityPolicies the caller's policies (inline and attached), none naming a principal
   * @param resourcePolicies the resource's policies, each statement naming its principals
   */
  public static Decision evaluate(
      Request request,
      List<PolicyDocument> identityPolicies,
      List<PolicyDocument> resourcePolicies) {
    Objects.requireNonNull(request, "request");
    Statement identityAllow = null;
    for (PolicyDocument document : identityPolicies) {
      for (Statement statement : document.statements()) {
        if (statement.effect() == Effect.ALLOW && identityAllow != null) {
          continue;
        }
        if (StatementMatcher.applies(statement, document, request, false)) {
          if (statement.effect() == Effect.DENY) {
            return new Decision.ExplicitDeny(statement, PolicyKind.IDENTITY);
          }
          identityAllow = statement;
        }
      }
    }
    Statement resourceAllow = null;
    for (PolicyDocument document : resourcePolicies) {
      for (Statement statement : document.statements()) {
        if (statement.effect() == Effect.ALLOW && resourceAllow != null) {
          continue;
        }
        if (StatementMatcher.applies(statement, document, request, true)) {
          if (statement.effect() == Effect.DENY) {
            return new Decision.ExplicitDeny(statement, PolicyKind.RESOURCE);
          }
          resourceAllow = statement;
        }
      }
    }
    if (crossAccount(request)) {
      if (identityAllow == null) {
        return new Decision.ImplicitDeny(PolicyKind.IDENTITY);
      }
      if (resourceAllow == null) {
        return new Decision.ImplicitDeny(PolicyKind.RESOURCE);
      }
      return new Decision.Allowed(identityAllow, PolicyKind.IDENTITY);
    }
    if (identityAllow != null) {
      return new Decision.Allowed(identityAllow, PolicyKind.IDENTITY);
    }
    if (resourceAllow != null) {
      return new Decision.Allowed(resourceAllow, PolicyKind.RESOURCE);
    }
    boolean onlyResource = identityPolicies.isEmpty() && !resourcePolicies.isEmpty();
    return new Decision.ImplicitDeny(onlyResource ? PolicyKind.RESOURCE : PolicyKind.IDENTITY);
  }

  /**
   * Whether the caller's account and the resource's account are both known and differ. AWS's own
   * resources ({@code arn:aws:iam::aws:policy/...}, account {@code aws}) belong to no account.
   */
  static boolean crossAccount(Request request) {
    String caller = Arns.account(request.principal());
    String owner = Arns.account(request.resource());
    return caller != null && owner != null && !caller.equals(owner) && !owner.equals("aws");
  }
}
