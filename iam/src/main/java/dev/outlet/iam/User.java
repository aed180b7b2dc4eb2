package dev.outlet.iam;

import java.time.Instant;

/**
 * An IAM user.
 *
 * @param userName 1 to 64 of {@code [\w+=,.@-]}
 * @param userId {@code AIDA} and 16 characters of base32, as AWS makes them
 * @param path {@code /} or {@code /division/team/}
 * @param created when it was made
 */
public record User(String userName, String userId, String path, Instant created) {

  /** {@code arn:aws:iam::ACCOUNT:user/PATH/NAME}. */
  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":user" + path + userName;
  }
}
