package dev.outlet.iam.policy;

import dev.outlet.edge.AwsException;

/**
 * A policy document IAM would refuse, with IAM's error code and message: {@code
 * MalformedPolicyDocument} (400) for what does not parse or breaks the grammar, {@code
 * LimitExceeded} (409) for a document over the size quota. The only exception the parser throws,
 * whatever the input; it carries no stack trace (it is a verdict on input, not a fault).
 */
public final class PolicyException extends AwsException {
  private static final long serialVersionUID = 1L;

  /** The error code IAM answers for a document that breaks the policy grammar. */
  public static final String MALFORMED = "MalformedPolicyDocument";

  /** The error code IAM answers for a document over the size quota. */
  public static final String LIMIT_EXCEEDED = "LimitExceeded";

  private PolicyException(String code, int status, String message) {
    super(code, status, message);
  }

  static PolicyException malformed(String message) {
    return new PolicyException(MALFORMED, 400, message);
  }

  static PolicyException syntax() {
    return malformed("Syntax errors in policy.");
  }

  static PolicyException tooLarge(int quota) {
    return new PolicyException(LIMIT_EXCEEDED, 409, "Cannot exceed quota for PolicySize: " + quota);
  }
}
