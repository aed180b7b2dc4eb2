package dev.outlet.iam;

import dev.outlet.iam.policy.PolicyDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * An IAM role.
 *
 * @param roleName 1 to 64 of {@code [\w+=,.@-]}
 * @param roleId {@code AROA} and 16 characters of base32, as AWS makes them
 * @param path {@code /} or {@code /division/team/}
 * @param trustPolicyJson the {@code AssumeRolePolicyDocument} as it was sent
 * @param trustPolicy the same, parsed: a resource-based policy of the role (who may assume it)
 * @param description the description, or null
 * @param maxSessionDuration the longest session AssumeRole may give, in seconds (3600 to 43200)
 * @param created when it was made
 */
public record Role(
    String roleName,
    String roleId,
    String path,
    String trustPolicyJson,
    PolicyDocument trustPolicy,
    String description,
    int maxSessionDuration,
    Instant created) {

  /** AWS's default {@code MaxSessionDuration}: one hour. */
  public static final int DEFAULT_MAX_SESSION = 3600;

  public Role {
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(trustPolicy, "trustPolicy");
  }

  /** {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}. */
  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":role" + path + roleName;
  }
}
