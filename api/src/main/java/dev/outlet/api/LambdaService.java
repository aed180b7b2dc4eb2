package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.Limits;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RestRoutes;
import dev.outlet.edge.RestRoutes.Route;
import dev.outlet.edge.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda API's control plane on the AWS edge (REST JSON): each operation by its method and path
 * template, as Lambda's model declares them. It claims every path the other surfaces did not: a
 * request matching no operation is Lambda's {@code UnknownOperationException}, so it goes last on
 * the edge. Invoke and code downloads are served before the edge, on the hot path ({@link
 * LambdaApi}).
 */
public final class LambdaService {
  private static final String FN = "/2015-03-31/functions/{FunctionName}";
  private static final String CSC = "/2020-04-22/code-signing-configs";
  private static final String LAYER = "/2018-10-31/layers/{LayerName}";
  private static final String LAYER_VERSION = LAYER + "/versions/{VersionNumber}";
  private static final String FN_CSC = "/2020-06-30/functions/{FunctionName}/code-signing-config";
  private static final String RECURSION = "/2024-08-31/functions/{FunctionName}/recursion-config";
  private static final String RUNTIME =
      "/2021-07-20/functions/{FunctionName}/runtime-management-config";
  private static final String EVENT_INVOKE =
      "/2019-09-25/functions/{FunctionName}/event-invoke-config";
  private static final String PROVISIONED =
      "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
  private static final Map<String, ApiRoute.Operation> OPERATIONS =
      Map.ofEntries(
          Map.entry("CreateFunction", ApiRoute.Operation.CREATE_FUNCTION),
          Map.entry("ListFunctions", ApiRoute.Operation.LIST_FUNCTIONS),
          Map.entry("GetFunction", ApiRoute.Operation.GET_FUNCTION),
          Map.entry("DeleteFunction", ApiRoute.Operation.DELETE_FUNCTION),
          Map.entry("GetFunctionConfiguration", ApiRoute.Operation.GET_CONFIGURATION),
          Map.entry("UpdateFunctionConfiguration", ApiRoute.Operation.UPDATE_CONFIGURATION),
          Map.entry("UpdateFunctionCode", ApiRoute.Operation.UPDATE_CODE),
          Map.entry("PutFunctionConcurrency", ApiRoute.Operation.PUT_CONCURRENCY),
          Map.entry("GetFunctionConcurrency", ApiRoute.Operation.GET_CONCURRENCY),
          Map.entry("DeleteFunctionConcurrency", ApiRoute.Operation.DELETE_CONCURRENCY),
          Map.entry("GetAccountSettings", ApiRoute.Operation.GET_ACCOUNT_SETTINGS));
  private static final RestRoutes ROUTES =
      RestRoutes.of(
          List.of("/"),
          new Route("POST", "/2015-03-31/functions", "CreateFunction"),
          new Route("GET", "/2015-03-31/functions", "ListFunctions"),
          new Route("GET", FN, "GetFunction"),
          new Route("DELETE", FN, "DeleteFunction"),
          new Route("GET", FN + "/configuration", "GetFunctionConfiguration"),
          new Route("PUT", FN + "/configuration", "UpdateFunctionConfiguration"),
          new Route("PUT", FN + "/code", "UpdateFunctionCode"),
          new Route(
              "PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency"),
          new Route(
              "DELETE",
              "/2017-10-31/functions/{FunctionName}/concurrency",
              "DeleteFunctionConcurrency"),
          new Route(
              "GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency"),
          new Route("GET", "/2016-08-19/account-settings", "GetAccountSettings"),
          new Route("POST", FN + "/policy", "AddPermission"),
          new Route("GET", FN + "/policy", "GetPolicy"),
          new Route("DELETE", FN + "/policy/{StatementId}", "RemovePermission"),
          new Route("POST", FN + "/versions", "PublishVersion"),
          new Route("GET", FN + "/versions", "ListVersionsByFunction"),
          new Route("POST", FN + "/aliases", "CreateAlias"),
          new Route("GET", FN + "/aliases", "ListAliases"),
          new Route("GET", FN + "/aliases/{Name}", "GetAlias"),
          new Route("PUT", FN + "/aliases/{Name}", "UpdateAlias"),
          new Route("DELETE", FN + "/aliases/{Name}", "DeleteAlias"),
          new Route("PUT", PROVISIONED, "PutProvisionedConcurrencyConfig"),
          new Route("GET", PROVISIONED, "GetProvisionedConcurrencyConfig"),
          new Route("DELETE", PROVISIONED, "DeleteProvisionedConcurrencyConfig"),
          new Route("POST", "/2017-03-31/tags/{Resource}", "TagResource"),
          new Route("DELETE", "/2017-03-31/tags/{Resource}", "UntagResource"),
          new Route("GET", "/2017-03-31/tags/{Resource}", "ListTags"),
          new Route("POST", CSC, "CreateCodeSigningConfig"),
          new Route("GET", CSC, "ListCodeSigningConfigs"),
          new Route("GET", CSC + "/{CodeSigningConfigArn}", "GetCodeSigningConfig"),
          new Route("PUT", CSC + "/{CodeSigningConfigArn}", "UpdateCodeSigningConfig"),
          new Route("DELETE", CSC + "/{CodeSigningConfigArn}", "DeleteCodeSigningConfig"),
          new Route(
              "GET", CSC + "/{CodeSigningConfigArn}/functions", "ListFunctionsByCodeSigningConfig"),
          new Route("GET", FN_CSC, "GetFunctionCodeSigningConfig"),
          new Route("PUT", FN_CSC, "PutFunctionCodeSigningConfig"),
          new Route("DELETE", FN_CSC, "DeleteFunctionCodeSigningConfig"),
          new Route("GET", RECURSION, "GetFunctionRecursionConfig"),
          new Route("PUT", RECURSION, "PutFunctionRecursionConfig"),
          new Route("GET", RUNTIME, "GetRuntimeManagementConfig"),
          new Route("PUT", RUNTIME, "PutRuntimeManagementConfig"),
          new Route("PUT", EVENT_INVOKE, "PutFunctionEventInvokeConfig"),
          new Route("POST", EVENT_INVOKE, "UpdateFunctionEventInvokeConfig"),
          new Route("GET", EVENT_INVOKE, "GetFunctionEventInvokeConfig"),
          new Route("DELETE", EVENT_INVOKE, "DeleteFunctionEventInvokeConfig"),
          new Route("GET", EVENT_INVOKE + "/list", "ListFunctionEventInvokeConfigs"),
          new Route("GET", "/2018-10-31/layers", "ListLayers"),
          new Route("POST", LAYER + "/versions", "PublishLayerVersion"),
          new Route("GET", LAYER + "/versions", "ListLayerVersions"),
          new Route("GET", LAYER_VERSION, "GetLayerVersion"),
          new Route("DELETE", LAYER_VERSION, "DeleteLayerVersion"),
          new Route("POST", LAYER_VERSION + "/policy", "AddLayerVersionPermission"),
          new Route("GET", LAYER_VERSION + "/policy", "GetLayerVersionPolicy"),
          new Route(
              "DELETE", LAYER_VERSION + "/policy/{StatementId}", "RemoveLayerVersionPermission"));

  private LambdaService() {}

  /**
   * @param links GetFunction's code locations
   * @param policies the functions' resource-based policies
   * @param provisioned the provisioned concurrency configurations
   * @param tags the functions' tags
   * @param settings the settings kept beside functions (code signing, recursion, runtime, async)
   * @param layers the layer versions
   */
  public static Service create(
      FunctionService service,
      FunctionRegistry registry,
      Account account,
      int accountLimit,
      CodeLinks links,
      FunctionPolicies policies,
      ProvisionedConcurrency provisioned,
      FunctionTags tags,
      FunctionSettings settings,
      LayerStore layers) {
    ControlPlane control = new ControlPlane(service, registry, accountLimit, links, tags);
    Map<String, Operation> ops = new HashMap<>();
    OPERATIONS.forEach((name, op) -> ops.put(name, call -> run(control, op, call, account)));
    Permissions permissions = new Permissions(policies, registry, account);
    ops.put("AddPermission", permissions::add);
    ops.put("GetPolicy", permissions::get);
    ops.put("RemovePermission", permissions::remove);
    ops.putAll(new VersionOperations(service.versions(), registry, account).operations());
    ops.putAll(new ProvisionedOperations(provisioned, registry, account).operations());
    ops.putAll(new TagOperations(tags, registry, account).operations());
    ops.putAll(new CodeSigningOperations(settings, registry, account).operations());
    ops.putAll(
        new SettingsOperations(settings, registry, account, service::queueExists).operations());
    ops.putAll(new LayerOperations(layers, links, account).operations());
    return new Service(
        "Lambda",
        new Protocol.RestJson(),
        ROUTES::claim,
        ops,
        Limits.CREATE_REQUEST,
        LambdaErrors.INSTANCE,
        LambdaAccess.resolver(account));
  }

  private static Object run(
      ControlPlane control, ApiRoute.Operation op, Call call, Account account) {
    ControlPlane.Reply reply =
        control.handle(
            new ApiRoute(op, call.label("FunctionName")),
            new ControlPlane.Request(
                account.inRegion(call.identity().regionOr(null)), call.body(), call::query));
    return Protocol.RestJson.reply(reply.status(), reply.body());
  }
}
