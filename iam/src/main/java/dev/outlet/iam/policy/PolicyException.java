package dev.outlet.iam.policy;

import dev.outlet.edge.AwsException;

/** A document IAM refuses: {@code MalformedPolicyDocument} (400) with IAM's message. */
public final class PolicyException extends AwsException {
  private static final long serialVersionUID = 1L;

  PolicyException(String message) {
    super("MalformedPolicyDocument", 400, message);
  }
}
