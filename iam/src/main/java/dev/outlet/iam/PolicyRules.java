package dev.outlet.iam;

import dev.outlet.iam.policy.Element;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import dev.outlet.iam.policy.Statement;
import java.util.Collection;

/**
 * IAM's rules for the documents it stores, with its errors: a role's trust policy (a resource
 * policy of the role: it must name a principal and names no resource), identity policies (inline or
 * managed: no principal), and the size quotas, counted as IAM counts them (characters other than
 * whitespace). Pure.
 */
final class PolicyRules {
  /** A role's trust policy ({@code ACLSizePerRole}). */
  static final int TRUST_QUOTA = 2_048;

  /** All inline policies of one role, together. */
  static final int ROLE_INLINE_QUOTA = 10_240;

  /** All inline policies of one user, together. */
  static final int USER_INLINE_QUOTA = 2_048;

  /** One customer managed policy. */
  static final int MANAGED_QUOTA = 6_144;

  /** Managed policies attached to one user or role. */
  static final int ATTACHED_QUOTA = 10;

  private PolicyRules() {}

  /** A trust policy, parsed; {@code MalformedPolicyDocument} or {@code LimitExceeded}. */
  static PolicyDocument trust(String json) {
    if (json != null && size(json) > TRUST_QUOTA) {
      throw IamException.limit("Cannot exceed quota for ACLSizePerRole: " + TRUST_QUOTA);
    }
    PolicyDocument document = PolicyDocument.parse(json, PolicyKind.RESOURCE);
    for (Statement statement : document.statements()) {
      if (statement.resources() != Element.ANY) {
        throw IamException.malformedPolicy(
            "Has prohibited field "
                + (statement.resources().negated() ? "NotResource" : "Resource"));
      }
    }
    return document;
  }

  /** An inline policy of {@code holder}, within the quota with the holder's {@code others}. */
  static PolicyDocument inline(
      Holder holder, String holderName, String json, Collection<String> others) {
    int quota = holder == Holder.ROLE ? ROLE_INLINE_QUOTA : USER_INLINE_QUOTA;
    int total = json == null ? 0 : size(json);
    for (String other : others) {
      total += size(other);
    }
    if (total > quota) {
      throw IamException.limit(
          "Maximum policy size of "
              + quota
              + " bytes exceeded for "
              + holder.word()
              + " "
              + holderName);
    }
    return PolicyDocument.parse(json, PolicyKind.IDENTITY);
  }

  /** A customer managed policy's document. */
  static PolicyDocument managed(String json) {
    if (json != null && size(json) > MANAGED_QUOTA) {
      throw IamException.limit("Cannot exceed quota for PolicySize: " + MANAGED_QUOTA);
    }
    return PolicyDocument.parse(json, PolicyKind.IDENTITY);
  }

  /** Characters other than whitespace: what IAM's quotas count. */
  static int size(String json) {
    int count = 0;
    for (int i = 0; i < json.length(); i++) {
      if (!Character.isWhitespace(json.charAt(i))) {
        count++;
      }
    }
    return count;
  }
}
