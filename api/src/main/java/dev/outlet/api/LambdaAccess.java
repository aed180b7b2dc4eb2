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
 * alias), {@code *} for account-wide operations, and {@code iam:PassRole} on the execution role a
 * CreateFunction or UpdateFunctionConfiguration hands over.
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
      needed.add(
          new Access(
              action,
              name == null ? "*" : FunctionRef.resourceArn(name, call.query("Qualifier"), in)));
      if (body != null && body.role() != null) {
        needed.add(new Access("iam:PassRole", body.role()));
      }
      return needed;
    };
  }
}
