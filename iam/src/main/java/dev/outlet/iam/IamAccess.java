package dev.outlet.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.edge.Access;
import java.util.List;
import java.util.Set;

/**
 * The permissions IAM's and STS's operations need. IAM: {@code iam:<Operation>} on the user's,
 * role's or policy's ARN the request names ({@code arn:aws:iam::A:user/NAME}; a user operation
 * without {@code UserName} acts on the caller's own user), {@code *} for listings. STS: none for
 * GetCallerIdentity (AWS requires none); AssumeRole decides itself, because the role's trust policy
 * takes part.
 */
final class IamAccess {
  private static final Set<String> STS_SELF_CHECKED = Set.of("GetCallerIdentity", "AssumeRole");

  /** The members that name what an IAM request acts on. */
  record Named(
      @JsonProperty("UserName") String userName,
      @JsonProperty("RoleName") String roleName,
      @JsonProperty("PolicyArn") String policyArn,
      @JsonProperty("PolicyName") String policyName) {}

  private IamAccess() {}

  static Access.Resolver iam(String account) {
    return call -> {
      String action = "iam:" + call.operation();
      if (call.operation().startsWith("List") && !call.operation().endsWith("Policies")) {
        return List.of(new Access(action, "*"));
      }
      Named n = call.inputOrNull(Named.class);
      if (n == null) {
        n = new Named(null, null, null, null);
      }
      String prefix = "arn:aws:iam::" + account + ":";
      String resource;
      if (n.roleName() != null) {
        resource = prefix + "role/" + n.roleName();
      } else if (n.userName() != null) {
        resource = prefix + "user/" + n.userName();
      } else if (n.policyArn() != null) {
        resource = n.policyArn();
      } else if (call.operation().equals("CreatePolicy") && n.policyName() != null) {
        resource = prefix + "policy/" + n.policyName();
      } else if (call.caller().principalArn() != null
          && call.caller().principalArn().contains(":user/")) {
        resource = call.caller().principalArn();
      } else {
        resource = "*";
      }
      return List.of(new Access(action, resource));
    };
  }

  static Access.Resolver sts() {
    return call ->
        STS_SELF_CHECKED.contains(call.operation())
            ? List.of()
            : List.of(new Access("sts:" + call.operation(), "*"));
  }
}
