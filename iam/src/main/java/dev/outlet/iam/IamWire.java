package dev.outlet.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** A policy document as IAM returns it: URL-encoded (the CLI and SDKs decode it). */
  static String encoded(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
  }

  record RoleInput(
      @JsonProperty("RoleName") String roleName,
      @JsonProperty("Path") String path,
      @JsonProperty("AssumeRolePolicyDocument") String assumeRolePolicyDocument,
      @JsonProperty("PolicyDocument") String policyDocument,
      @JsonProperty("Description") String description,
      @JsonProperty("MaxSessionDuration") String maxSessionDuration,
      @JsonProperty("PathPrefix") String pathPrefix) {}

  record PolicyInput(
      @JsonProperty("RoleName") String roleName,
      @JsonProperty("UserName") String userName,
      @JsonProperty("PolicyName") String policyName,
      @JsonProperty("PolicyDocument") String policyDocument,
      @JsonProperty("PolicyArn") String policyArn,
      @JsonProperty("Path") String path,
      @JsonProperty("Description") String description,
      @JsonProperty("VersionId") String versionId,
      @JsonProperty("Scope") String scope,
      @JsonProperty("PathPrefix") String pathPrefix,
      @JsonProperty("OnlyAttached") String onlyAttached) {}

  record RoleShape(
      @JsonProperty("Path") String path,
      @JsonProperty("RoleName") String roleName,
      @JsonProperty("RoleId") String roleId,
      @JsonProperty("Arn") String arn,
      @JsonProperty("CreateDate") Instant createDate,
      @JsonProperty("AssumeRolePolicyDocument") String assumeRolePolicyDocument,
      @JsonProperty("Description") String description,
      @JsonProperty("MaxSessionDuration") Integer maxSessionDuration) {

    static RoleShape of(Role r, String accountId) {
      return new RoleShape(
          r.path(),
          r.roleName(),
          r.roleId(),
          r.arn(accountId),
          r.created(),
          encoded(r.trustPolicyJson()),
          r.description(),
          r.maxSessionDuration());
    }
  }

  record RoleResult(@JsonProperty("Role") RoleShape role) {}

  record ListRolesResult(
      @JsonProperty("Roles") List<RoleShape> roles,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record PolicyNamesResult(
      @JsonProperty("PolicyNames") List<String> policyNames,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record RolePolicyResult(
      @JsonProperty("RoleName") String roleName,
      @JsonProperty("PolicyName") String policyName,
      @JsonProperty("PolicyDocument") String policyDocument) {}

  record UserPolicyResult(
      @JsonProperty("UserName") String userName,
      @JsonProperty("PolicyName") String policyName,
      @JsonProperty("PolicyDocument") String policyDocument) {}

  record AttachedPolicy(
      @JsonProperty("PolicyName") String policyName, @JsonProperty("PolicyArn") String policyArn) {}

  record AttachedPoliciesResult(
      @JsonProperty("AttachedPolicies") List<AttachedPolicy> attachedPolicies,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record PolicyShape(
      @JsonProperty("PolicyName") String policyName,
      @JsonProperty("PolicyId") String policyId,
      @JsonProperty("Arn") String arn,
      @JsonProperty("Path") String path,
      @JsonProperty("DefaultVersionId") String defaultVersionId,
      @JsonProperty("AttachmentCount") int attachmentCount,
      @JsonProperty("PermissionsBoundaryUsageCount") int permissionsBoundaryUsageCount,
      @JsonProperty("IsAttachable") boolean isAttachable,
      @JsonProperty("Description") String description,
      @JsonProperty("CreateDate") Instant createDate,
      @JsonProperty("UpdateDate") Instant updateDate) {}

  record PolicyResult(@JsonProperty("Policy") PolicyShape policy) {}

  record ListPoliciesResult(
      @JsonProperty("Policies") List<PolicyShape> policies,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record PolicyVersionShape(
      @JsonProperty("Document") String document,
      @JsonProperty("VersionId") String versionId,
      @JsonProperty("IsDefaultVersion") boolean isDefaultVersion,
      @JsonProperty("CreateDate") Instant createDate) {}

  record PolicyVersionResult(@JsonProperty("PolicyVersion") PolicyVersionShape policyVersion) {}

  record PolicyUser(
      @JsonProperty("UserName") String userName, @JsonProperty("UserId") String userId) {}

  record PolicyRole(
      @JsonProperty("RoleName") String roleName, @JsonProperty("RoleId") String roleId) {}

  record EntitiesResult(
      @JsonProperty("PolicyGroups") List<Object> policyGroups,
      @JsonProperty("PolicyUsers") List<PolicyUser> policyUsers,
      @JsonProperty("PolicyRoles") List<PolicyRole> policyRoles,
      @JsonProperty("IsTruncated") boolean isTruncated) {}

  record AssumeRoleInput(
      @JsonProperty("RoleArn") String roleArn,
      @JsonProperty("RoleSessionName") String roleSessionName,
      @JsonProperty("DurationSeconds") String durationSeconds) {}

  record CredentialsShape(
      @JsonProperty("AccessKeyId") String accessKeyId,
      @JsonProperty("SecretAccessKey") String secretAccessKey,
      @JsonProperty("SessionToken") String sessionToken,
      @JsonProperty("Expiration") Instant expiration) {}

  record AssumedRoleUser(
      @JsonProperty("AssumedRoleId") String assumedRoleId, @JsonProperty("Arn") String arn) {}

  record AssumeRoleResult(
      @JsonProperty("Credentials") CredentialsShape credentials,
      @JsonProperty("AssumedRoleUser") AssumedRoleUser assumedRoleUser) {}
}
