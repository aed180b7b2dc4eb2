package dev.outlet.iam.policy;

import java.util.List;

/**
 * AWS's evaluation logic for one account, pure: an explicit Deny in any document wins; otherwise an
 * Allow allows; otherwise the request is implicitly denied. Thread-safe (no state).
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static Decision evaluate(AccessRequest request, List<PolicyDocument> policies) {
    Statement allow = null;
    for (PolicyDocument d : policies) {
      for (Statement s : d.statements()) {
        if (s.applies(request)) {
          if (!s.allow()) {
            return new Decision.ExplicitDeny(s);
          }
          if (allow == null) {
            allow = s;
          }
        }
      }
    }
    return allow != null ? new Decision.Allowed(allow) : new Decision.ImplicitDeny();
  }

  /** AWS's AccessDenied message for an identity-based denial of {@code request}. */
  public static String denial(AccessRequest request, Decision decision) {
    String head =
        "User: "
            + request.principalArn()
            + " is not authorized to perform: "
            + request.action()
            + " on resource: "
            + request.resource()
            + " ";
    return decision instanceof Decision.ExplicitDeny
        ? head + "with an explicit deny in an identity-based policy"
        : head + "because no identity-based policy allows the " + request.action() + " action";
  }
}
