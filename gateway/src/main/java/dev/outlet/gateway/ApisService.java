package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RestRoutes;
import dev.outlet.edge.RestRoutes.Route;
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

  /** Each child kind's path segment and the singular of its operation names. */
  private static final Map<String, String> KINDS =
      Map.of(
          "integrations", "Integration",
          "routes", "Route",
          "stages", "Stage",
          "authorizers", "Authorizer",
          "deployments", "Deployment");

  private ApisService() {}

  static Service create(ApisModel model, UnaryOperator<String> endpointOf) {
    List<Route> routes = new ArrayList<>();
    Map<String, Operation> ops = new HashMap<>();
    routes.add(new Route("POST", APIS, "CreateApi"));
    ops.put("CreateApi", call -> reply(201, api(model.createApi(input(call)), endpointOf)));
    routes.add(new Route("GET", APIS, "GetApis"));
    ops.put("GetApis", call -> items(model.apis().stream().map(a -> api(a, endpointOf)).toList()));
    routes.add(new Route("GET", API, "GetApi"));
    ops.put("GetApi", call -> api(model.getApi(call.label("apiId")), endpointOf));
    routes.add(new Route("PATCH", API, "UpdateApi"));
    ops.put(
        "UpdateApi", call -> api(model.updateApi(call.label("apiId"), input(call)), endpointOf));
    routes.add(new Route("DELETE", API, "DeleteApi"));
    ops.put(
        "DeleteApi",
        call -> {
          model.deleteApi(call.label("apiId"));
          return reply(204, null);
        });
    KINDS.forEach(
        (kind, name) -> {
          String list = API + "/" + kind;
          String one = list + "/{id}";
          routes.add(new Route("POST", list, "Create" + name));
          ops.put(
              "Create" + name,
              call -> reply(201, model.create(call.label("apiId"), kind, input(call))));
          routes.add(new Route("GET", list, "Get" + name + "s"));
          ops.put("Get" + name + "s", call -> items(model.list(call.label("apiId"), kind)));
          routes.add(new Route("GET", one, "Get" + name));
          ops.put("Get" + name, call -> model.get(call.label("apiId"), kind, call.label("id")));
          routes.add(new Route("PATCH", one, "Update" + name));
          ops.put(
              "Update" + name,
              call -> model.update(call.label("apiId"), kind, call.label("id"), input(call)));
          routes.add(new Route("DELETE", one, "Delete" + name));
          ops.put(
              "Delete" + name,
              call -> {
                model.delete(call.label("apiId"), kind, call.label("id"));
                return reply(204, null);
              });
        });
    RestRoutes table = RestRoutes.of(List.of(APIS), routes.toArray(Route[]::new));
    return new Service(
        "API Gateway v2",
        new Protocol.RestJson(),
        head -> accepts(head.path()) ? table.claim(head) : null,
        ops,
        MAX_BODY,
        ERRORS);
  }

  /** Whether the path belongs to this API. */
  static boolean accepts(String path) {
    return path.equals(APIS) || path.startsWith(APIS + "/");
  }

  /** The body as an object; apigatewayv2's wording for what is not one. */
  private static JsonNode input(Call call) {
    byte[] body = call.body();
    if (body.length == 0) {
      return ApisModel.MAPPER.createObjectNode();
    }
    JsonNode in;
    try {
      in = ApisModel.MAPPER.readTree(body);
    } catch (IOException e) {
      throw GatewayException.badRequest("Invalid JSON in request body");
    }
    if (in == null || !in.isObject()) {
      throw GatewayException.badRequest("The request body must be a JSON object");
    }
    return in;
  }

  private static ObjectNode api(ObjectNode doc, UnaryOperator<String> endpointOf) {
    ObjectNode out = doc.deepCopy();
    out.put("apiEndpoint", endpointOf.apply(ApiDefinitions.text(doc, "apiId")));
    return out;
  }

  private static ObjectNode items(List<? extends JsonNode> list) {
    ObjectNode out = ApisModel.MAPPER.createObjectNode();
    out.putArray("items").addAll(list);
    return out;
  }

  private static Object reply(int status, JsonNode body) {
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
