package dev.outlet.iam;

import dev.outlet.edge.Call;
import dev.outlet.edge.Caller;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.edge.Service;
import dev.outlet.iam.IamWire.AccessKeyMetadata;
import dev.outlet.iam.IamWire.AccessKeyShape;
import dev.outlet.iam.IamWire.CallerIdentity;
import dev.outlet.iam.IamWire.CreateAccessKeyResult;
import dev.outlet.iam.IamWire.KeyInput;
import dev.outlet.iam.IamWire.ListAccessKeysResult;
import dev.outlet.iam.IamWire.ListUsersResult;
import dev.outlet.iam.IamWire.UserInput;
import dev.outlet.iam.IamWire.UserResult;
import dev.outlet.iam.IamWire.UserShape;
import java.util.HashMap;
import java.util.Map;

/**
 * IAM's users, access keys, roles and policies ({@link RolesAndPolicies}) and STS's
 * GetCallerIdentity and AssumeRole ({@link AssumeRole}) on the AWS edge, in the query protocol the
 * AWS CLI and SDKs use for them ({@code aws iam create-access-key}, {@code aws sts
 * get-caller-identity}): form {@code POST /}s signed for {@code iam} or {@code sts}. Operations run
 * on the edge's virtual threads over an {@link IdentityStore}.
 */
public final class IamService {
  static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
  static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final long MAX_BODY = 64 * 1024;

  private final IdentityStore store;

  private IamService(IdentityStore store) {
    this.store = store;
  }

  /** The IAM service over {@code store}. */
  public static Service iam(IdentityStore store) {
    IamService s = new IamService(store);
    Map<String, Operation> ops = new HashMap<>(RolesAndPolicies.operations(store));
    ops.putAll(
        Map.of(
            "CreateUser", s::createUser,
            "GetUser", s::getUser,
            "ListUsers", call -> s.listUsers(),
            "DeleteUser", s::deleteUser,
            "CreateAccessKey", s::createAccessKey,
            "ListAccessKeys", s::listAccessKeys,
            "UpdateAccessKey", s::updateAccessKey,
            "DeleteAccessKey", s::deleteAccessKey));
    return new Service(
        "IAM",
        new Protocol.AwsQuery(IAM_NAMESPACE),
        head -> signedFormFor(head, "iam"),
        Map.copyOf(ops),
        MAX_BODY,
        errors("2010-05-08"),
        IamAccess.iam(store.accountId()));
  }

  /** STS's GetCallerIdentity and AssumeRole over {@code store}. */
  public static Service sts(IdentityStore store) {
    IamService s = new IamService(store);
    return new Service(
        "STS",
        new Protocol.AwsQuery(STS_NAMESPACE),
        head -> signedFormFor(head, "sts"),
        Map.of("GetCallerIdentity", s::getCallerIdentity, "AssumeRole", new AssumeRole(store)::run),
        MAX_BODY,
        errors("2011-06-15"),
        IamAccess.sts());
  }

  private static Service.Claim signedFormFor(RequestHead head, String signingName) {
    if (!head.isQueryForm()) {
      return null;
    }
    String signedFor = RequestIdentity.of(head.header(), head.query()).service();
    return signingName.equals(signedFor) ? new Service.Claim.InBody() : null;
  }

  private static Service.Errors errors(String version) {
    return Service.Errors.of(
        name ->
            IamException.invalidAction(
                "Could not find operation " + name + " for version " + version),
        (operation, limit) -> IamException.validation("Request must be smaller than 64 KB."),
        message -> IamException.malformed(),
        IamException::internal);
  }

  // ---- users

  private UserResult createUser(Call call) {
    UserInput in = call.input(UserInput.class);
    User u = store.createUser(IamValidation.userName(in.userName()), IamValidation.path(in.path()));
    return new UserResult(UserShape.of(u, store.accountId()));
  }

  private UserResult getUser(Call call) {
    String name = call.input(UserInput.class).userName();
    String user = name != null ? IamValidation.userName(name) : callersUser(call.caller());
    User u = store.user(user).orElseThrow(() -> IamException.noSuchUser(user));
    return new UserResult(UserShape.of(u, store.accountId()));
  }

  private ListUsersResult listUsers() {
    return new ListUsersResult(
        store.users().stream().map(u -> UserShape.of(u, store.accountId())).toList(), false);
  }

  private Object deleteUser(Call call) {
    store.deleteUser(IamValidation.userName(call.input(UserInput.class).userName()));
    return null;
  }

  // ---- access keys

  private CreateAccessKeyResult createAccessKey(Call call) {
    String user = userOrCaller(call, call.input(KeyInput.class).userName());
    AccessKey k = store.createKey(user, false);
    return new CreateAccessKeyResult(
        new AccessKeyShape(
            k.userName(), k.accessKeyId(), k.status().name(), k.secret(), k.created()));
  }

  private ListAccessKeysResult listAccessKeys(Call call) {
    String user = userOrCaller(call, call.input(KeyInput.class).userName());
    if (store.user(user).isEmpty()) {
      throw IamException.noSuchUser(user);
    }
    return new ListAccessKeysResult(
        user,
        store.keys(user).stream()
            .map(
                k ->
                    new AccessKeyMetadata(
                        k.userName(), k.accessKeyId(), k.status().name(), k.created()))
            .toList(),
        false);
  }

  private Object updateAccessKey(Call call) {
    KeyInput in = call.input(KeyInput.class);
    store.setStatus(
        IamValidation.accessKeyId(in.accessKeyId()),
        in.userName() == null ? null : IamValidation.userName(in.userName()),
        IamValidation.status(in.status()));
    return null;
  }

  private Object deleteAccessKey(Call call) {
    KeyInput in = call.input(KeyInput.class);
    store.deleteKey(
        IamValidation.accessKeyId(in.accessKeyId()),
        in.userName() == null ? null : IamValidation.userName(in.userName()));
    return null;
  }

  // ---- STS

  private CallerIdentity getCallerIdentity(Call call) {
    Caller caller = call.caller();
    String account = store.accountId();
    if (!caller.verified()) {
      return new CallerIdentity(account, account, "arn:aws:iam::" + account + ":root");
    }
    var session = store.sessionUserId(caller.accessKeyId());
    if (session.isPresent()) {
      return new CallerIdentity(session.get(), account, caller.principalArn());
    }
    String userId =
        store
            .owner(caller.accessKeyId())
            .flatMap(store::user)
            .map(User::userId)
            .orElse(caller.accessKeyId());
    return new CallerIdentity(userId, account, caller.principalArn());
  }

  private String userOrCaller(Call call, String named) {
    return named != null ? IamValidation.userName(named) : callersUser(call.caller());
  }

  /** The user whose key signed the call; IAM's refusal for callers that are not users. */
  private String callersUser(Caller caller) {
    if (caller.verified() && caller.accessKeyId() != null) {
      var owner = store.owner(caller.accessKeyId());
      if (owner.isPresent()) {
        return owner.get();
      }
    }
    throw IamException.validation("Must specify userName when calling with non-User credentials");
  }
}
