package dev.outlet.iam;

import dev.outlet.iam.policy.PolicyDocument;
import java.util.List;

/**
 * The resource-based policies of a resource ARN (a Lambda function's policy, made by
 * AddPermission), empty when it has none. Implementations answer from memory: this is asked on the
 * Invoke path.
 */
@FunctionalInterface
public interface ResourcePolicies {
  ResourcePolicies NONE = arn -> List.of();

  List<PolicyDocument> of(String resourceArn);
}
