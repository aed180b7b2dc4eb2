package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The apigatewayv2 REST API as AWS defines it ({@code /v2/apis...}, lowerCamelCase members): reads
 * one API's state for {@link RoutePlan} and applies its steps. An API belongs to a stack by its
 * tags {@code outlet:stack} and {@code outlet:logical-id} (or, when tags are not reported, by its
 * name {@code <stack>-<logicalId>}). Blocking; one deploy at a time.
 */
final class HttpApis {
  static final String SERVICE = "apigateway";
  static final String STACK_TAG = "outlet:stack";
  static final String ID_TAG = "outlet:logical-id";

  private final AwsHttp http;

  HttpApis(AwsHttp http) {
    this.http = http;
  }

  /** All APIs (GetApis, following nextToken). */
  List<JsonNode> apis() throws ApiException, UnreachableException {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = http.rest(SERVICE, "GET", "/v2/apis" + next(token, "?"), null);
      page.path("items").forEach(out::add);
      token = page.path("nextToken").asText(null);
    } while (token != null && !token.isEmpty());
    return out;
  }

  static JsonNode find(List<JsonNode> apis, String stack, String logicalId, String name) {
    for (JsonNode a : apis) {
      JsonNode tags = a.path("tags");
      if (tags.path(STACK_TAG).asText().equals(stack)
          && tags.path(ID_TAG).asText().equals(logicalId)) {
        return a;
      }
    }
    for (JsonNode a : apis) {
      if (a.path("name").asText().equals(name) && a.path("tags").path(STACK_TAG).isMissingNode()) {
        return a;
      }
    }
    return null;
  }

  RoutePlan.Current current(String apiId) throws ApiException, UnreachableException {
    List<RoutePlan.Integration> integrations = new ArrayList<>();
    for (JsonNode i : items("/v2/apis/" + apiId + "/integrations")) {
      integrations.add(
          new RoutePlan.Integration(
              i.path("integrationId").asText(),
              i.path("integrationUri").asText(),
              i.path("payloadFormatVersion").asText("2.0")));
    }
    List<RoutePlan.Route> routes = new ArrayList<>();
    for (JsonNode r : items("/v2/apis/" + apiId + "/routes")) {
      routes.add(
          new RoutePlan.Route(
              r.path("routeId").asText(),
              r.path("routeKey").asText(),
              r.path("target").asText(null)));
    }
    boolean stage = false;
    for (JsonNode s : items("/v2/apis/" + apiId + "/stages")) {
      stage |= s.path("stageName").asText().equals("$default");
    }
    return new RoutePlan.Current(apiId, integrations, routes, stage);
  }

  private List<JsonNode> items(String path) throws ApiException, UnreachableException {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = http.rest(SERVICE, "GET", path + next(token, "?"), null);
      page.path("items").forEach(out::add);
      token = page.path("nextToken").asText(null);
    } while (token != null && !token.isEmpty());
    return out;
  }

  /**
   * Applies the steps; returns the API's id.
   *
   * @param told one line per step done
   */
  String apply(
      String apiId,
      String stack,
      String logicalId,
      List<RoutePlan.Step> steps,
      Consumer<String> told)
      throws ApiException, UnreachableException {
    Map<Integer, String> created = new HashMap<>();
    String id = apiId;
    for (RoutePlan.Step step : steps) {
      switch (step) {
        case RoutePlan.Step.CreateApi c -> {
          ObjectNode body = object().put("name", c.name()).put("protocolType", "HTTP");
          body.putObject("tags").put(STACK_TAG, stack).put(ID_TAG, logicalId);
          id = http.rest(SERVICE, "POST", "/v2/apis", body).path("apiId").asText();
          told.accept("created HTTP API " + c.name() + " (" + id + ")");
        }
        case RoutePlan.Step.CreateIntegration c -> {
          ObjectNode body =
              object()
                  .put("integrationType", "AWS_PROXY")
                  .put("integrationUri", c.uri())
                  .put("payloadFormatVersion", c.payloadFormatVersion());
          String iid =
              http.rest(SERVICE, "POST", "/v2/apis/" + id + "/integrations", body)
                  .path("integrationId")
                  .asText();
          created.put(c.ref(), iid);
        }
        case RoutePlan.Step.CreateRoute c -> {
          String target =
              "integrations/"
                  + (c.integrationId() != null
                      ? c.integrationId()
                      : created.get(c.integrationRef()));
          http.rest(
              SERVICE,
              "POST",
              "/v2/apis/" + id + "/routes",
              object().put("routeKey", c.routeKey()).put("target", target));
          told.accept("route " + c.routeKey());
        }
        case RoutePlan.Step.UpdateRoute u -> {
          String target =
              "integrations/"
                  + (u.integrationId() != null
                      ? u.integrationId()
                      : created.get(u.integrationRef()));
          http.rest(
              SERVICE,
              "PATCH",
              "/v2/apis/" + id + "/routes/" + u.routeId(),
              object().put("target", target));
          told.accept("route " + u.routeKey() + " updated");
        }
        case RoutePlan.Step.DeleteRoute d -> {
          http.rest(SERVICE, "DELETE", "/v2/apis/" + id + "/routes/" + d.routeId(), null);
          told.accept("route " + d.routeKey() + " deleted");
        }
        case RoutePlan.Step.CreateDefaultStage s ->
            http.rest(
                SERVICE,
                "POST",
                "/v2/apis/" + id + "/stages",
                object().put("stageName", "$default").put("autoDeploy", true));
      }
    }
    return id;
  }

  private static String next(String token, String sep) {
    return token == null
        ? ""
        : sep + "nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
