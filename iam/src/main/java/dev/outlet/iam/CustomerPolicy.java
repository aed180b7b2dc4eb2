package dev.outlet.iam;

import java.time.Instant;

/**
 * A customer managed policy (one version, {@code v1}, the default).
 *
 * @param policyName 1 to 128 of {@code [\w+=,.@-]}
 * @param policyId {@code ANPA} and 16 characters of base32
 * @param path {@code /} or {@code /division/team/}
 * @param document the policy document as it was sent
 * @param description the description, or null
 * @param created when it was made
 */
public record CustomerPolicy(
    String policyName,
    String policyId,
    String path,
    String document,
    String description,
    Instant created) {

  /** {@code arn:aws:iam::ACCOUNT:policy/PATH/NAME}. */
  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":policy" + path + policyName;
  }
}
