package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.Access;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RestRoutes;
import dev.outlet.edge.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The apigatewayv2 REST-JSON control plane under {@code /v2/apis} on the AWS edge: CreateApi (with
 * quick create), GetApi(s), UpdateApi, DeleteApi and Create/Get(s)/Update/Delete of integrations,
 * routes, stages, authorizers and deployments. Operations block (SQLite); the edge runs them on
 * virtual threads and renders {@link GatewayException}s as {@code {"message": ...}} with {@code
 * x-amzn-ErrorType}.
 */
final class ApisService {
  private static final int MAX_BODY = 1 << 20;
  private static final String APIS = "/v2/apis";
  private static final String API = APIS + "/{apiId}";

  private ApisService() {}

  static Service create(ApisModel model, UnaryOperator<String> endpointOf) {
    List<RestRoutes.Route> routes = new ArrayList<>();
    Map<String, Operation> ops = new HashMap<>();
    routes.add(new RestRoutes.Route("POST", APIS, "CreateApi"));
    ops.put(
        "CreateApi",
        call -> reply(201, api(model.createApi(input(call, HttpApi.Create.class)), endpointOf)));
    routes.add(new RestRoutes.Route("GET", APIS, "GetApis"));
    ops.put(
        "GetApis",
        call -> new Items<>(model.apis().stream().map(a -> api(a, endpointOf)).toList()));
    routes.add(new RestRoutes.Route("GET", API, "GetApi"));
    ops.put("GetApi", call -> api(model.getApi(call.label("apiId")), endpointOf));
    routes.add(new RestRoutes.Route("PATCH", API, "UpdateApi"));
    ops.put(
        "UpdateApi",
        call -> api(model.updateApi(call.label("apiId"), input(call, HttpApi.class)), endpointOf));
    routes.add(new RestRoutes.Route("DELETE", API, "DeleteApi"));
    ops.put(
        "DeleteApi",
        call -> {
          model.deleteApi(call.label("apiId"));
          return reply(204, null);
        });
    ChildKind.ALL.forEach(kind -> children(model, kind, routes, ops));
    RestRoutes table = RestRoutes.of(List.of(APIS), routes.toArray(RestRoutes.Route[]::new));
    return new Service(
        "API Gateway v2",
        new Protocol.RestJson(),
        head -> accepts(head.path()) ? table.claim(head) : null,
        ops,
        MAX_BODY,
        ERRORS,
        ApisService::access);
  }

  /**
   * API Gateway's permissions name the HTTP method and the resource's path: {@code apigateway:GET}
   * on {@code arn:aws:apigateway:REGION::/apis/ID/routes/ID}.
   */
  private static List<Access> access(Call call) {
    String path = call.head().path().substring("/v2".length());
    return List.of(
        new Access(
            "apigateway:" + call.head().method(),
            "arn:aws:apigateway:" + call.region() + "::" + path));
  }

  /** Create, Get, Gets, Update and Delete of one child kind. */
  private static <T, R> void children(
      ApisModel model,
      ChildKind<T, R> kind,
      List<RestRoutes.Route> routes,
      Map<String, Operation> ops) {
    String list = API + "/" + kind.segment();
    String one = list + "/{id}";
    String name = kind.name();
    routes.add(new RestRoutes.Route("POST", list, "Create" + name));
    ops.put(
        "Create" + name,
        call -> reply(201, model.create(call.label("apiId"), kind, input(call, kind.request()))));
    routes.add(new RestRoutes.Route("GET", list, "Get" + name + "s"));
    ops.put("Get" + name + "s", call -> new Items<>(model.list(call.label("apiId"), kind)));
    routes.add(new RestRoutes.Route("GET", one, "Get" + name));
    ops.put("Get" + name, call -> model.get(call.label("apiId"), kind, call.label("id")));
    routes.add(new RestRoutes.Route("PATCH", one, "Update" + name));
    ops.put(
        "Update" + name,
        call ->
            model.update(call.label("apiId"), kind, call.label("id"), input(call, kind.request())));
    routes.add(new RestRoutes.Route("DELETE", one, "Delete" + name));
    ops.put(
        "Delete" + name,
        call -> {
          model.delete(call.label("apiId"), kind, call.label("id"));
          return reply(204, null);
        });
  }

  /** A Get*s answer: {@code {"items": [...]}}. */
  record Items<T>(List<T> items) {}

  /** Whether the path belongs to this API. */
  static boolean accepts(String path) {
    return path.equals(APIS) || path.startsWith(APIS + "/");
  }

  /**
   * The body bound to {@code type} by the edge's JSON mapper; apigatewayv2's wording for a body
   * that is not JSON or not an object, the edge's for a member of the wrong type.
   */
  private static <T> T input(Call call, Class<T> type) {
    byte[] body = call.body();
    if (body.length > 0) {
      JsonNode in;
      try {
        in = ApisModel.MAPPER.readTree(body);
      } catch (IOException e) {
        throw GatewayException.badRequest("Invalid JSON in request body");
      }
      if (in == null || !in.isObject()) {
        throw GatewayException.badRequest("The request body must be a JSON object");
      }
    }
    return call.input(type);
  }

  private static HttpApi api(HttpApi api, UnaryOperator<String> endpointOf) {
    return api.withEndpoint(endpointOf.apply(api.apiId()));
  }

  private static Object reply(int status, Object body) {
    return Protocol.RestJson.reply(status, body);
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          name -> GatewayException.notFound("Outlet does not serve " + name),
          (operation, limit) ->
              new GatewayException(413, "BadRequestException", "Request too large"),
          GatewayException::badRequest,
          requestId ->
              new GatewayException(
                  500,
                  "InternalServerErrorException",
                  "Outlet hit an internal error; see its log for details."));
}
