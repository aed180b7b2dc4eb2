package dev.outlet.iam;

import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.iam.IamWire.AttachedPoliciesResult;
import dev.outlet.iam.IamWire.AttachedPolicy;
import dev.outlet.iam.IamWire.EntitiesResult;
import dev.outlet.iam.IamWire.ListPoliciesResult;
import dev.outlet.iam.IamWire.ListRolesResult;
import dev.outlet.iam.IamWire.PolicyInput;
import dev.outlet.iam.IamWire.PolicyNamesResult;
import dev.outlet.iam.IamWire.PolicyResult;
import dev.outlet.iam.IamWire.PolicyRole;
import dev.outlet.iam.IamWire.PolicyShape;
import dev.outlet.iam.IamWire.PolicyUser;
import dev.outlet.iam.IamWire.PolicyVersionResult;
import dev.outlet.iam.IamWire.PolicyVersionShape;
import dev.outlet.iam.IamWire.RoleInput;
import dev.outlet.iam.IamWire.RolePolicyResult;
import dev.outlet.iam.IamWire.RoleResult;
import dev.outlet.iam.IamWire.RoleShape;
import dev.outlet.iam.IamWire.UserPolicyResult;
import dev.outlet.iam.policy.ManagedPolicies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's roles, inline policies and managed policies (attachments, customer managed policies) over
 * an {@link IdentityStore}, in AWS's member names and errors.
 */
final class RolesAndPolicies {
  private static final String AWS_POLICY = "arn:aws:iam::aws:policy";
  private static final String DEFAULT_VERSION = "v1";

  /** Outlet does not know when AWS made its managed policies; they all show this date. */
  private static final Instant AWS_POLICY_DATE = Instant.parse("2015-02-06T18:40:00Z");

  private final IdentityStore store;

  private RolesAndPolicies(IdentityStore store) {
    this.store = store;
  }

  static Map<String, Operation> operations(IdentityStore store) {
    RolesAndPolicies s = new RolesAndPolicies(store);
    Map<String, Operation> ops = new HashMap<>();
    ops.put("CreateRole", s::createRole);
    ops.put("GetRole", s::getRole);
    ops.put("ListRoles", s::listRoles);
    ops.put("DeleteRole", s::deleteRole);
    ops.put("UpdateAssumeRolePolicy", s::updateAssumeRolePolicy);
    for (Holder h : Holder.values()) {
      String word = h == Holder.USER ? "User" : "Role";
      ops.put("Put" + word + "Policy", call -> s.putInline(h, call));
      ops.put("Get" + word + "Policy", call -> s.getInline(h, call));
      ops.put("Delete" + word + "Policy", call -> s.deleteInline(h, call));
      ops.put("List" + word + "Policies", call -> s.listInline(h, call));
      ops.put("Attach" + word + "Policy", call -> s.attach(h, call));
      ops.put("Detach" + word + "Policy", call -> s.detach(h, call));
      ops.put("ListAttached" + word + "Policies", call -> s.listAttached(h, call));
    }
    ops.put("CreatePolicy", s::createPolicy);
    ops.put("GetPolicy", s::getPolicy);
    ops.put("GetPolicyVersion", s::getPolicyVersion);
    ops.put("ListPolicies", s::listPolicies);
    ops.put("DeletePolicy", s::deletePolicy);
    ops.put("ListEntitiesForPolicy", s::listEntitiesForPolicy);
    return Map.copyOf(ops);
  }

  // ---- roles

  private RoleResult createRole(Call call) {
    RoleInput in = call.input(RoleInput.class);
    String name = IamValidation.roleName(in.roleName());
    String path = IamValidation.path(in.path());
    String trust =
        IamValidation.required(in.assumeRolePolicyDocument(), "assumeRolePolicyDocument");
    int max =
        IamValidation.seconds(
            in.maxSessionDuration(), "maxSessionDuration", 3600, 43200, Role.DEFAULT_MAX_SESSION);
    Role role =
        store
            .policies()
            .createRole(name, path, trust, IamValidation.description(in.description()), max);
    return new RoleResult(RoleShape.of(role, store.accountId()));
  }

  private RoleResult getRole(Call call) {
    String name = IamValidation.roleName(call.input(RoleInput.class).roleName());
    Role role = store.role(name).orElseThrow(() -> IamException.noSuchRole(name));
    return new RoleResult(RoleShape.of(role, store.accountId()));
  }

  private ListRolesResult listRoles(Call call) {
    String prefix = Optional.ofNullable(call.input(RoleInput.class).pathPrefix()).orElse("/");
    return new ListRolesResult(
        store.roles().stream()
            .filter(r -> r.path().startsWith(prefix))
            .map(r -> RoleShape.of(r, store.accountId()))
            .toList(),
        false);
  }

  private Object deleteRole(Call call) {
    store.policies().deleteRole(IamValidation.roleName(call.input(RoleInput.class).roleName()));
    return null;
  }

  private Object updateAssumeRolePolicy(Call call) {
    RoleInput in = call.input(RoleInput.class);
    store
        .policies()
        .updateTrustPolicy(
            IamValidation.roleName(in.roleName()),
            IamValidation.required(in.policyDocument(), "policyDocument"));
    return null;
  }

  // ---- inline policies

  private static String holderName(Holder holder, PolicyInput in) {
    return holder == Holder.USER
        ? IamValidation.userName(in.userName())
        : IamValidation.roleName(in.roleName());
  }

  private Object putInline(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    String holderName = holderName(holder, in);
    store
        .policies()
        .putInlinePolicy(
            holder,
            holderName,
            IamValidation.policyName(in.policyName()),
            IamValidation.required(in.policyDocument(), "policyDocument"));
    return null;
  }

  private Object getInline(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    String holderName = holderName(holder, in);
    String policyName = IamValidation.policyName(in.policyName());
    String document =
        IamWire.encoded(store.policies().inlinePolicy(holder, holderName, policyName));
    return holder == Holder.USER
        ? new UserPolicyResult(holderName, policyName, document)
        : new RolePolicyResult(holderName, policyName, document);
  }

  private Object deleteInline(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    store
        .policies()
        .deleteInlinePolicy(
            holder, holderName(holder, in), IamValidation.policyName(in.policyName()));
    return null;
  }

  private PolicyNamesResult listInline(Holder holder, Call call) {
    String holderName = holderName(holder, call.input(PolicyInput.class));
    requireHolder(holder, holderName);
    return new PolicyNamesResult(
        List.copyOf(store.policies().inlinePolicies(holder, holderName).keySet()), false);
  }

  private void requireHolder(Holder holder, String name) {
    boolean exists =
        holder == Holder.USER ? store.user(name).isPresent() : store.role(name).isPresent();
    if (!exists) {
      throw holder == Holder.USER ? IamException.noSuchUser(name) : IamException.noSuchRole(name);
    }
  }

  // ---- attachments

  private Object attach(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    store
        .policies()
        .attach(
            holder, holderName(holder, in), IamValidation.required(in.policyArn(), "policyArn"));
    return null;
  }

  private Object detach(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    store
        .policies()
        .detach(
            holder, holderName(holder, in), IamValidation.required(in.policyArn(), "policyArn"));
    return null;
  }

  private AttachedPoliciesResult listAttached(Holder holder, Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    String holderName = holderName(holder, in);
    requireHolder(holder, holderName);
    List<AttachedPolicy> attached =
        store.policies().attached(holder, holderName).stream()
            .map(arn -> new AttachedPolicy(nameOf(arn), arn))
            .toList();
    return new AttachedPoliciesResult(attached, false);
  }

  private static String nameOf(String policyArn) {
    return policyArn.substring(policyArn.lastIndexOf('/') + 1);
  }

  // ---- managed policies

  private PolicyResult createPolicy(Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    CustomerPolicy p =
        store
            .policies()
            .createPolicy(
                IamValidation.policyName(in.policyName()),
                IamValidation.path(in.path()),
                IamValidation.required(in.policyDocument(), "policyDocument"),
                IamValidation.description(in.description()));
    return new PolicyResult(shape(p));
  }

  private PolicyResult getPolicy(Call call) {
    String arn = IamValidation.required(call.input(PolicyInput.class).policyArn(), "policyArn");
    return new PolicyResult(find(arn));
  }

  private PolicyVersionResult getPolicyVersion(Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    String arn = IamValidation.required(in.policyArn(), "policyArn");
    String version = IamValidation.required(in.versionId(), "versionId");
    PolicyShape policy = find(arn);
    if (!version.equals(policy.defaultVersionId())) {
      throw IamException.noSuchPolicyVersion(arn, version);
    }
    String document =
        ManagedPolicies.text(arn)
            .or(() -> store.policies().customerPolicy(arn).map(CustomerPolicy::document))
            .orElseThrow(() -> IamException.noSuchPolicy(arn));
    return new PolicyVersionResult(
        new PolicyVersionShape(IamWire.encoded(document), version, true, policy.createDate()));
  }

  private ListPoliciesResult listPolicies(Call call) {
    PolicyInput in = call.input(PolicyInput.class);
    String scope = IamValidation.scope(in.scope());
    String prefix = Optional.ofNullable(in.pathPrefix()).orElse("/");
    boolean onlyAttached = "true".equalsIgnoreCase(in.onlyAttached());
    List<PolicyShape> out = new ArrayList<>();
    if (!scope.equals("Local")) {
      ManagedPolicies.arns().forEach(arn -> out.add(awsShape(arn)));
    }
    if (!scope.equals("AWS")) {
      store.policies().customerPolicies().forEach(p -> out.add(shape(p)));
    }
    return new ListPoliciesResult(
        out.stream()
            .filter(p -> p.path().startsWith(prefix))
            .filter(p -> !onlyAttached || p.attachmentCount() > 0)
            .toList(),
        false);
  }

  private Object deletePolicy(Call call) {
    store
        .policies()
        .deletePolicy(
            IamValidation.required(call.input(PolicyInput.class).policyArn(), "policyArn"));
    return null;
  }

  private EntitiesResult listEntitiesForPolicy(Call call) {
    String arn = IamValidation.required(call.input(PolicyInput.class).policyArn(), "policyArn");
    find(arn);
    List<PolicyUser> users = new ArrayList<>();
    List<PolicyRole> roles = new ArrayList<>();
    for (Map.Entry<Holder, String> e : store.policies().entitiesFor(arn)) {
      if (e.getKey() == Holder.USER) {
        store
            .user(e.getValue())
            .ifPresent(u -> users.add(new PolicyUser(u.userName(), u.userId())));
      } else {
        store
            .role(e.getValue())
            .ifPresent(r -> roles.add(new PolicyRole(r.roleName(), r.roleId())));
      }
    }
    return new EntitiesResult(List.of(), users, roles, false);
  }

  private PolicyShape find(String arn) {
    if (ManagedPolicies.arns().contains(arn)) {
      return awsShape(arn);
    }
    return store
        .policies()
        .customerPolicy(arn)
        .map(this::shape)
        .orElseThrow(() -> IamException.noSuchPolicy(arn));
  }

  private PolicyShape shape(CustomerPolicy p) {
    String arn = p.arn(store.accountId());
    return new PolicyShape(
        p.policyName(),
        p.policyId(),
        arn,
        p.path(),
        DEFAULT_VERSION,
        store.policies().entitiesFor(arn).size(),
        0,
        true,
        p.description(),
        p.created(),
        p.created());
  }

  private PolicyShape awsShape(String arn) {
    String rest = arn.substring(AWS_POLICY.length());
    String path = rest.substring(0, rest.lastIndexOf('/') + 1);
    return new PolicyShape(
        nameOf(arn),
        "ANPA" + stableBase32(arn),
        arn,
        path,
        DEFAULT_VERSION,
        store.policies().entitiesFor(arn).size(),
        0,
        true,
        null,
        AWS_POLICY_DATE,
        AWS_POLICY_DATE);
  }

  /** 16 characters of base32 drawn from the ARN: the same id for an AWS policy every time. */
  private static String stableBase32(String arn) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder b = new StringBuilder(16);
      for (int i = 0; i < 16; i++) {
        b.append(alphabet.charAt((hash[i] & 0xff) % 32));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
