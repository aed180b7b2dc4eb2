package dev.outlet.iam;

import java.time.Instant;

/**
 * A long-term access key, as IAM's CreateAccessKey answers it.
 *
 * @param accessKeyId {@code AKIA} and 16 characters of base32, as AWS makes them
 * @param secret the 40-character secret access key
 * @param userName the IAM user it belongs to
 * @param status whether it signs requests
 * @param created when it was made
 */
public record AccessKey(
    String accessKeyId, String secret, String userName, Status status, Instant created) {

  /** IAM's {@code StatusType}. */
  public enum Status {
    Active,
    Inactive
  }

  /** The user's ARN in {@code accountId}. */
  public String userArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":user/" + userName;
  }

  @Override
  public String toString() {
    return "AccessKey[" + accessKeyId + ", " + userName + ", " + status + "]"; // never the secret
  }
}
