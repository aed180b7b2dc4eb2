package dev.outlet.gateway;

import static dev.outlet.gateway.ApiDefinitions.authorizer;
import static dev.outlet.gateway.ApiDefinitions.copy;
import static dev.outlet.gateway.ApiDefinitions.defaultStage;
import static dev.outlet.gateway.ApiDefinitions.functionOf;
import static dev.outlet.gateway.ApiDefinitions.integration;
import static dev.outlet.gateway.ApiDefinitions.newId;
import static dev.outlet.gateway.ApiDefinitions.now;
import static dev.outlet.gateway.ApiDefinitions.parseRouteKey;
import static dev.outlet.gateway.ApiDefinitions.route;
import static dev.outlet.gateway.ApiDefinitions.stage;
import static dev.outlet.gateway.ApiDefinitions.text;
import static dev.outlet.gateway.ApiDefinitions.validateCors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The apigatewayv2 control plane's state: every HTTP API with its integrations, routes, stages and
 * authorizers as the JSON documents the API returns (lowerCamelCase members).
 *
 * <p>Contract: one lock guards the documents; every change is validated first, then written to
 * {@link GatewayStore} (one transaction), then applied in memory, then the API is recompiled and
 * published to {@link Catalog}. A change that fails validation or storage leaves nothing behind.
 * Blocking (SQLite): called from virtual threads only.
 */
final class ApisModel {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final List<String> KINDS =
      List.of("integrations", "routes", "stages", "authorizers", "deployments");

  private final ReentrantLock lock = new ReentrantLock();

  private final Map<String, ApiDocuments> apis = new LinkedHashMap<>();
  private final GatewayStore store;
  private final Catalog catalog;
  private final String accountId;
  private final LongSupplier nanos;

  ApisModel(GatewayStore store, Catalog catalog, String accountId, LongSupplier nanos) {
    this.store = store;
    this.catalog = catalog;
    this.accountId = accountId;
    this.nanos = nanos;
  }

  /** Loads the stored APIs and publishes them; returns how many. */
  int load(List<GatewayStore.Doc> docs) {
    lock.lock();
    try {
      for (GatewayStore.Doc d : docs) {
        if (d.kind().equals("api")) {
          apis.computeIfAbsent(d.id(), k -> new ApiDocuments()).api = read(d.json());
        }
      }
      for (GatewayStore.Doc d : docs) {
        ApiDocuments a = apis.get(d.parent());
        if (a != null && KINDS.contains(d.kind())) {
          a.kind(d.kind()).put(d.id(), read(d.json()));
        }
      }
      apis.values().removeIf(a -> a.api == null);
      apis.keySet().forEach(this::publish);
      return apis.size();
    } finally {
      lock.unlock();
    }
  }

  // ---- APIs

  ObjectNode createApi(JsonNode in) {
    lock.lock();
    try {
      String protocol = text(in, "protocolType");
      if (!"HTTP".equals(protocol)) {
        throw GatewayException.badRequest(
            "Outlet supports only HTTP APIs: ProtocolType must be HTTP, got " + protocol);
      }
      String name = text(in, "name");
      if (name == null || name.isEmpty() || name.length() > 128) {
        throw GatewayException.badRequest("Name must be between 1 and 128 characters");
      }
      String id = newId(10);
      ObjectNode api = MAPPER.createObjectNode();
      api.put("apiId", id);
      api.put("apiKeySelectionExpression", "$request.header.x-api-key");
      copy(in, api, "corsConfiguration");
      api.put("createdDate", now());
      copy(in, api, "description");
      api.put("disableExecuteApiEndpoint", in.path("disableExecuteApiEndpoint").asBoolean(false));
      api.put("name", name);
      api.put("protocolType", "HTTP");
      api.put("routeSelectionExpression", "$request.method $request.path");
      copy(in, api, "tags");
      copy(in, api, "version");
      validateCors(api.get("corsConfiguration"));
      List<GatewayStore.Change> changes = new ArrayList<>();
      changes.add(GatewayStore.Change.put("api", "", id, api.toString()));
      ApiDocuments docs = new ApiDocuments();
      docs.api = api;
      String target = text(in, "target");
      if (target != null) {
        quickCreate(docs, id, target, text(in, "routeKey"), changes);
      }
      store.write(changes);
      apis.put(id, docs);
      publish(id);
      return api;
    } finally {
      lock.unlock();
    }
  }

  private void quickCreate(
      ApiDocuments docs,
      String apiId,
      String target,
      String routeKey,
      List<GatewayStore.Change> out) {
    functionOf(target);
    String key = routeKey == null ? "$default" : routeKey;
    parseRouteKey(key);
    ObjectNode integration = MAPPER.createObjectNode();
    String integrationId = newId(7);
    integration.put("apiGatewayManaged", true);
    integration.put("connectionType", "INTERNET");
    integration.put("integrationId", integrationId);
    integration.put("integrationMethod", "POST");
    integration.put("integrationType", "AWS_PROXY");
    integration.put("integrationUri", target);
    integration.put("payloadFormatVersion", "2.0");
    integration.put("timeoutInMillis", 30000);
    ObjectNode route = MAPPER.createObjectNode();
    String routeId = newId(7);
    route.put("apiGatewayManaged", true);
    route.put("apiKeyRequired", false);
    route.put("authorizationType", "NONE");
    route.put("routeId", routeId);
    route.put("routeKey", key);
    route.put("target", "integrations/" + integrationId);
    ObjectNode stage = defaultStage("$default", true);
    stage.put("apiGatewayManaged", true);
    docs.kind("integrations").put(integrationId, integration);
    docs.kind("routes").put(routeId, route);
    docs.kind("stages").put("$default", stage);
    out.add(GatewayStore.Change.put("integrations", apiId, integrationId, integration.toString()));
    out.add(GatewayStore.Change.put("routes", apiId, routeId, route.toString()));
    out.add(GatewayStore.Change.put("stages", apiId, "$default", stage.toString()));
  }

  ObjectNode getApi(String apiId) {
    lock.lock();
    try {
      return docs(apiId).api;
    } finally {
      lock.unlock();
    }
  }

  List<ObjectNode> apis() {
    lock.lock();
    try {
      List<ObjectNode> out = new ArrayList<>();
      apis.values().forEach(a -> out.add(a.api));
      return out;
    } finally {
      lock.unlock();
    }
  }

  ObjectNode updateApi(String apiId, JsonNode in) {
    lock.lock();
    try {
      ApiDocuments d = docs(apiId);
      ObjectNode next = d.api.deepCopy();
      for (String m :
          List.of(
              "corsConfiguration", "description", "disableExecuteApiEndpoint", "name", "version")) {
        copy(in, next, m);
      }
      validateCors(next.get("corsConfiguration"));
      store.write(List.of(GatewayStore.Change.put("api", "", apiId, next.toString())));
      d.api = next;
      publish(apiId);
      return next;
    } finally {
      lock.unlock();
    }
  }

  void deleteApi(String apiId) {
    lock.lock();
    try {
      ApiDocuments d = docs(apiId);
      List<GatewayStore.Change> changes = new ArrayList<>();
      changes.add(GatewayStore.Change.delete("api", "", apiId));
      d.children.forEach(
          (kind, m) ->
              m.keySet().forEach(id -> changes.add(GatewayStore.Change.delete(kind, apiId, id))));
      store.write(changes);
      apis.remove(apiId);
      catalog.withdrawApi(apiId);
    } finally {
      lock.unlock();
    }
  }

  // ---- children

  ObjectNode create(String apiId, String kind, JsonNode in) {
    lock.lock();
    try {
      ApiDocuments d = docs(apiId);
      ObjectNode doc =
          switch (kind) {
            case "integrations" -> integration(in, null);
            case "routes" -> route(d, in, null);
            case "stages" -> stage(d, in, null);
            case "authorizers" -> authorizer(in, null);
            case "deployments" -> ApiDefinitions.deployment(in, null);
            default -> throw GatewayException.notFound("Invalid resource " + kind);
          };
      String id = idOf(kind, doc);
      List<GatewayStore.Change> changes = new ArrayList<>();
      changes.add(GatewayStore.Change.put(kind, apiId, id, doc.toString()));
      ObjectNode deployedStage = null;
      if (kind.equals("deployments") && text(in, "stageName") != null) {
        // Every stage serves the current routes; a deployment is recorded on its stage.
        deployedStage = child(d, "stages", text(in, "stageName")).deepCopy();
        deployedStage.put("deploymentId", id);
        deployedStage.put("lastUpdatedDate", now());
        changes.add(
            GatewayStore.Change.put(
                "stages", apiId, text(deployedStage, "stageName"), deployedStage.toString()));
      }
      store.write(changes);
      d.kind(kind).put(id, doc);
      if (deployedStage != null) {
        d.kind("stages").put(text(deployedStage, "stageName"), deployedStage);
      }
      publish(apiId);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  ObjectNode get(String apiId, String kind, String id) {
    lock.lock();
    try {
      return child(docs(apiId), kind, id);
    } finally {
      lock.unlock();
    }
  }

  List<ObjectNode> list(String apiId, String kind) {
    lock.lock();
    try {
      return new ArrayList<>(docs(apiId).kind(kind).values());
    } finally {
      lock.unlock();
    }
  }

  ObjectNode update(String apiId, String kind, String id, JsonNode in) {
    lock.lock();
    try {
      ApiDocuments d = docs(apiId);
      ObjectNode old = child(d, kind, id);
      ObjectNode doc =
          switch (kind) {
            case "integrations" -> integration(in, old);
            case "routes" -> route(d, in, old);
            case "stages" -> stage(d, in, old);
            case "authorizers" -> authorizer(in, old);
            case "deployments" -> ApiDefinitions.deployment(in, old);
            default -> throw GatewayException.notFound("Invalid resource " + kind);
          };
      store.write(List.of(GatewayStore.Change.put(kind, apiId, id, doc.toString())));
      d.kind(kind).put(id, doc);
      publish(apiId);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  void delete(String apiId, String kind, String id) {
    lock.lock();
    try {
      ApiDocuments d = docs(apiId);
      child(d, kind, id);
      if (kind.equals("integrations") || kind.equals("authorizers")) {
        String ref = kind.equals("integrations") ? "integrations/" + id : id;
        for (ObjectNode r : d.kind("routes").values()) {
          if (ref.equals(text(r, kind.equals("integrations") ? "target" : "authorizerId"))) {
            throw GatewayException.conflict(
                "Cannot delete "
                    + (kind.equals("integrations") ? "integration" : "authorizer")
                    + " "
                    + id
                    + ": it is used by route "
                    + text(r, "routeId"));
          }
        }
      }
      store.write(List.of(GatewayStore.Change.delete(kind, apiId, id)));
      d.kind(kind).remove(id);
      publish(apiId);
    } finally {
      lock.unlock();
    }
  }

  private void publish(String apiId) {
    catalog.publish(ApiCompiler.compile(apiId, apis.get(apiId), nanos.getAsLong()));
  }

  private ApiDocuments docs(String apiId) {
    ApiDocuments d = apis.get(apiId);
    if (d == null) {
      throw GatewayException.notFound(
          "Invalid API identifier specified " + accountId + ":" + apiId);
    }
    return d;
  }

  private static ObjectNode child(ApiDocuments d, String kind, String id) {
    ObjectNode doc = d.kind(kind).get(id);
    if (doc == null) {
      String what =
          switch (kind) {
            case "integrations" -> "Integration";
            case "routes" -> "Route";
            case "stages" -> "Stage";
            case "deployments" -> "Deployment";
            default -> "Authorizer";
          };
      throw GatewayException.notFound("Invalid " + what + " identifier specified " + id);
    }
    return doc;
  }

  private static String idOf(String kind, ObjectNode doc) {
    return switch (kind) {
      case "integrations" -> text(doc, "integrationId");
      case "routes" -> text(doc, "routeId");
      case "stages" -> text(doc, "stageName");
      case "deployments" -> text(doc, "deploymentId");
      default -> text(doc, "authorizerId");
    };
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("corrupt gateway document", e);
    }
  }
}
