package dev.outlet.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The IAM and STS operations' inputs and results, with AWS's member names. */
final class IamWire {
  private IamWire() {}

  record UserInput(@JsonProperty("UserName") String userName, @JsonProperty("Path") String path) {}

  record KeyInput(
      @JsonProperty("UserName") String userName,
      @JsonProperty("AccessKeyId") String accessKeyId,
      @JsonProperty("Status") String status) {}

  record UserShape(
      @JsonProperty("Path") String path,
      @JsonProperty("UserName") String userName,
      @JsonProperty("UserId") String userId,
      @JsonProperty("Arn") String arn,
      @JsonProperty("CreateDate") Instant createDate) {

    static UserShape of(User u, String accountId) {
      return new UserShape(u.path(), u.userName(), u.userId(), u.arn(accountId), u.created());
    }
  }

  record UserResult(@JsonProperty("User") UserShape user) {}

  record ListUsersResult(
      @JsonProperty("Users") List<UserShape> users,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record AccessKeyShape(
      @JsonProperty("UserName") String userName,
      @JsonProperty("AccessKeyId") String accessKeyId,
      @JsonProperty("Status") String status,
      @JsonProperty("SecretAccessKey") String secretAccessKey,
      @JsonProperty("CreateDate") Instant createDate) {}

  record CreateAccessKeyResult(@JsonProperty("AccessKey") AccessKeyShape accessKey) {}

  record AccessKeyMetadata(
      @JsonProperty("UserName") String userName,
      @JsonProperty("AccessKeyId") String accessKeyId,
      @JsonProperty("Status") String status,
      @JsonProperty("CreateDate") Instant createDate) {}

  record ListAccessKeysResult(
      @JsonProperty("UserName") String userName,
      @JsonProperty("AccessKeyMetadata") List<AccessKeyMetadata> accessKeyMetadata,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record CallerIdentity(
      @JsonProperty("UserId") String userId,
      @JsonProperty("Account") String account,
      @JsonProperty("Arn") String arn) {}
}
