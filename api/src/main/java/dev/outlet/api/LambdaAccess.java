package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.core.Account;
import dev.outlet.core.FunctionRef;
import dev.outlet.edge.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The permissions the Lambda API's operations need, as Lambda's authorization reference lists them:
 * {@code lambda:<Operation>} on the function's ARN (qualified when the call names a version or
 * alias; the tagged resource, the layer version or the code signing configuration for their
 * operations), {@code *} for account-wide operations, and {@code iam:PassRole} on the execution
 * role a CreateFunction or UpdateFunctionConfiguration hands over.
 */
public final class LambdaAccess {
  private static final Set<String> ACCOUNT_WIDE = Set.of("ListFunctions", "GetAccountSettings");
  private static final Set<String> PASSES_ROLE =
      Set.of("CreateFunction", "UpdateFunctionConfiguration");

  /** The members of a request body that name what it acts on. */
  record Named(
      @JsonProperty("FunctionName") String functionName, @JsonProperty("Role") String role) {}

  private LambdaAccess() {}

  /** The resolver of the Lambda API's calls in {@code account} (the region is the call's). */
  static Access.Resolver resolver(Account account) {
    return call -> {
      Account in = account.inRegion(call.identity().regionOr(null));
      String action = "lambda:" + call.operation();
      if (ACCOUNT_WIDE.contains(call.operation())) {
        return List.of(new Access(action, "*"));
      }
      Named body = PASSES_ROLE.contains(call.operation()) ? call.inputOrNull(Named.class) : null;
      String name =
          call.label("FunctionName") != null
              ? call.label("FunctionName")
              : body == null ? null : body.functionName();
      List<Access> needed = new ArrayList<>(2);
      needed.add(new Access(action, resource(call, name, in)));
      if (body != null && body.role() != null) {
        needed.add(new Access("iam:PassRole", body.role()));
      }
      return needed;
    };
  }

  /**
   * What a call acts on: the function (qualified as named), else the ARN the tag operations name, a
   * layer (version), or a code signing configuration; {@code *} for what names none.
   */
  private static String resource(dev.outlet.edge.Call call, String function, Account in) {
    if (function != null) {
      return FunctionRef.resourceArn(function, call.query("Qualifier"), in);
    }
    if (call.label("Resource") != null) {
      return call.label("Resource");
    }
    if (call.label("CodeSigningConfigArn") != null) {
      return call.label("CodeSigningConfigArn");
    }
    String layer = call.label("LayerName");
    if (layer != null) {
      String arn =
          layer.startsWith("arn:")
              ? layer
              : "arn:aws:lambda:" + in.region() + ":" + in.id() + ":layer:" + layer;
      String version = call.label("VersionNumber");
      return version == null ? arn : arn + ":" + version;
    }
    return "*";
  }
}
