package dev.outlet.iam;

import dev.outlet.iam.policy.PolicyDocument;
import java.util.List;

/**
 * The identity-based policies of a principal: a user's ({@code arn:aws:iam::A:user/NAME}) or, for
 * an assumed-role session ({@code arn:aws:sts::A:assumed-role/ROLE/SESSION}), its role's; inline
 * and attached, parsed. Implementations answer from memory: this is asked on every request.
 */
@FunctionalInterface
public interface IdentityPolicies {
  List<PolicyDocument> of(String principalArn);
}
