package dev.outlet.iam;

import dev.outlet.iam.policy.Decision;
import dev.outlet.iam.policy.Effect;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyEvaluator;
import dev.outlet.iam.policy.Principals;
import dev.outlet.iam.policy.Request;
import dev.outlet.iam.policy.Statement;
import java.util.List;

/**
 * Whether a principal of the role's account may assume it, by AWS's rule: the role's trust policy
 * is a resource policy; a statement naming the caller itself (its ARN, its role for a session, or
 * {@code *}) allows on its own; a statement naming the whole account (its root ARN or its id)
 * delegates to the account, so the caller's identity policies must allow {@code sts:AssumeRole}
 * too; an explicit deny on either side refuses. Pure.
 */
final class TrustDecision {
  static final String ACTION = "sts:AssumeRole";

  private TrustDecision() {}

  static boolean allows(Request request, PolicyDocument trust, List<PolicyDocument> identity) {
    List<PolicyDocument> trusts = List.of(trust);
    if (PolicyEvaluator.evaluate(request, identity, trusts) instanceof Decision.ExplicitDeny) {
      return false;
    }
    for (Statement s : trust.statements()) {
      if (s.effect() == Effect.ALLOW
          && namesDirectly(s, request.principal())
          && PolicyEvaluator.evaluate(request, List.of(), List.of(alone(trust, s))).allowed()) {
        return true;
      }
    }
    return PolicyEvaluator.evaluate(request, List.of(), trusts).allowed()
        && PolicyEvaluator.evaluate(request, identity, List.of()).allowed();
  }

  private static PolicyDocument alone(PolicyDocument document, Statement statement) {
    return new PolicyDocument(document.version(), document.id(), List.of(statement));
  }

  /** Whether the statement's {@code Principal} names the caller other than through its account. */
  static boolean namesDirectly(Statement statement, String caller) {
    if (statement.principals().isEmpty()) {
      return false;
    }
    Principals p = statement.principals().get();
    if (p.negated()) {
      return false;
    }
    if (p.anyone()) {
      return true;
    }
    String sessionRole = sessionRole(caller);
    for (String id : p.of("AWS")) {
      if (id.equals("*") || id.equals(caller)) {
        return true;
      }
      if (sessionRole != null
          && id.startsWith(sessionRole.substring(0, sessionRole.indexOf(":role/") + 6))
          && id.endsWith("/" + sessionRole.substring(sessionRole.lastIndexOf('/') + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a session {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, {@code
   * arn:aws:iam::ACCOUNT:role/ROLE}; else null.
   */
  private static String sessionRole(String caller) {
    int at = caller.indexOf(":assumed-role/");
    if (!caller.startsWith("arn:aws:sts::") || at < 0) {
      return null;
    }
    String account = caller.substring("arn:aws:sts::".length(), at);
    String rest = caller.substring(at + ":assumed-role/".length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    return "arn:aws:iam::" + account + ":role/" + rest.substring(0, slash);
  }
}
