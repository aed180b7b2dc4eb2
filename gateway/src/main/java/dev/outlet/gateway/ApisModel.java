package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  static final List<String> KINDS = List.of("integrations", "routes", "stages", "authorizers");
  private static final Pattern FUNCTION =
      Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[^:]+:\\d{12}:function:([a-zA-Z0-9-_.]+)");

  /** One API's documents. */
  private static final class ApiDocs {
    ObjectNode api;
    final Map<String, Map<String, ObjectNode>> children = new HashMap<>();

    Map<String, ObjectNode> kind(String kind) {
      return children.computeIfAbsent(kind, k -> new LinkedHashMap<>());
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ApiDocs> apis = new LinkedHashMap<>();
  private final GatewayStore store;
  private final Catalog catalog;
  private final String region;
  private final String accountId;
  private final LongSupplier nanos;

  ApisModel(
      GatewayStore store, Catalog catalog, String region, String accountId, LongSupplier nanos) {
    this.store = store;
    this.catalog = catalog;
    this.region = region;
    this.accountId = accountId;
    this.nanos = nanos;
  }

  /** Loads the stored APIs and publishes them; returns how many. */
  int load(List<GatewayStore.Doc> docs) {
    lock.lock();
    try {
      for (GatewayStore.Doc d : docs) {
        if (d.kind().equals("api")) {
          apis.computeIfAbsent(d.id(), k -> new ApiDocs()).api = read(d.json());
        }
      }
      for (GatewayStore.Doc d : docs) {
        ApiDocs a = apis.get(d.parent());
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
      ApiDocs docs = new ApiDocs();
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
      ApiDocs docs, String apiId, String target, String routeKey, List<GatewayStore.Change> out) {
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
      ApiDocs d = docs(apiId);
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
      ApiDocs d = docs(apiId);
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
      ApiDocs d = docs(apiId);
      ObjectNode doc =
          switch (kind) {
            case "integrations" -> integration(in, null);
            case "routes" -> route(d, in, null);
            case "stages" -> stage(d, in, null);
            case "authorizers" -> authorizer(in, null);
            default -> throw GatewayException.notFound("Invalid resource " + kind);
          };
      String id = idOf(kind, doc);
      store.write(List.of(GatewayStore.Change.put(kind, apiId, id, doc.toString())));
      d.kind(kind).put(id, doc);
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
      ApiDocs d = docs(apiId);
      ObjectNode old = child(d, kind, id);
      ObjectNode doc =
          switch (kind) {
            case "integrations" -> integration(in, old);
            case "routes" -> route(d, in, old);
            case "stages" -> stage(d, in, old);
            case "authorizers" -> authorizer(in, old);
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
      ApiDocs d = docs(apiId);
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

  // ---- validation and defaults

  private ObjectNode integration(JsonNode in, ObjectNode old) {
    ObjectNode doc = old == null ? MAPPER.createObjectNode() : old.deepCopy();
    if (old == null) {
      doc.put("integrationId", newId(7));
      doc.put("connectionType", "INTERNET");
      doc.put("integrationMethod", "POST");
      doc.put("timeoutInMillis", 30000);
      doc.put("payloadFormatVersion", "2.0");
    }
    for (String m :
        List.of(
            "connectionType",
            "description",
            "integrationMethod",
            "integrationType",
            "integrationUri",
            "payloadFormatVersion",
            "timeoutInMillis",
            "requestParameters",
            "responseParameters")) {
      copy(in, doc, m);
    }
    String type = text(doc, "integrationType");
    if (!"AWS_PROXY".equals(type)) {
      throw GatewayException.badRequest(
          "Outlet supports only AWS_PROXY integrations with Lambda functions, got " + type);
    }
    functionOf(text(doc, "integrationUri"));
    String pfv = text(doc, "payloadFormatVersion");
    if (!"1.0".equals(pfv) && !"2.0".equals(pfv)) {
      throw GatewayException.badRequest(
          "Invalid payload format version specified, must be one of [1.0, 2.0]");
    }
    int timeout = doc.path("timeoutInMillis").asInt(30000);
    if (timeout < 50 || timeout > 30000) {
      throw GatewayException.badRequest(
          "Timeout must be between 50 and 30000 milliseconds for HTTP APIs");
    }
    return doc;
  }

  private ObjectNode route(ApiDocs d, JsonNode in, ObjectNode old) {
    ObjectNode doc = old == null ? MAPPER.createObjectNode() : old.deepCopy();
    if (old == null) {
      doc.put("apiKeyRequired", false);
      doc.put("authorizationType", "NONE");
      doc.put("routeId", newId(7));
    }
    for (String m :
        List.of(
            "apiKeyRequired",
            "authorizationScopes",
            "authorizationType",
            "authorizerId",
            "operationName",
            "routeKey",
            "target",
            "requestParameters")) {
      copy(in, doc, m);
    }
    String key = text(doc, "routeKey");
    if (key == null) {
      throw GatewayException.badRequest("RouteKey is required");
    }
    parseRouteKey(key);
    for (ObjectNode r : d.kind("routes").values()) {
      if (key.equals(text(r, "routeKey")) && !text(r, "routeId").equals(text(doc, "routeId"))) {
        throw GatewayException.conflict("Route with key " + key + " already exists for this API");
      }
    }
    String target = text(doc, "target");
    if (target != null
        && (!target.startsWith("integrations/")
            || !d.kind("integrations").containsKey(target.substring("integrations/".length())))) {
      throw GatewayException.badRequest("Invalid target " + target + " specified");
    }
    String auth = text(doc, "authorizationType");
    switch (auth) {
      case "NONE", "AWS_IAM" -> doc.remove("authorizerId");
      case "CUSTOM" -> {
        String a = text(doc, "authorizerId");
        if (a == null || !d.kind("authorizers").containsKey(a)) {
          throw GatewayException.badRequest(
              "Invalid authorizer identifier specified: " + (a == null ? "none" : a));
        }
      }
      case "JWT" -> throw GatewayException.badRequest("Outlet does not support JWT authorizers");
      default ->
          throw GatewayException.badRequest(
              "AuthorizationType must be one of [NONE, AWS_IAM, CUSTOM, JWT], got " + auth);
    }
    return doc;
  }

  private ObjectNode stage(ApiDocs d, JsonNode in, ObjectNode old) {
    ObjectNode doc;
    if (old == null) {
      String name = text(in, "stageName");
      if (name == null || name.isEmpty() || name.length() > 128) {
        throw GatewayException.badRequest("StageName must be between 1 and 128 characters");
      }
      if (!name.equals("$default") && !name.matches("[a-zA-Z0-9_\\-]+")) {
        throw GatewayException.badRequest(
            "Stage name only allows a-zA-Z0-9_- or $default, got " + name);
      }
      if (d.kind("stages").containsKey(name)) {
        throw GatewayException.conflict("Stage " + name + " already exists");
      }
      doc = defaultStage(name, in.path("autoDeploy").asBoolean(false));
    } else {
      doc = old.deepCopy();
      doc.put("lastUpdatedDate", now());
    }
    for (String m :
        List.of(
            "accessLogSettings",
            "autoDeploy",
            "defaultRouteSettings",
            "description",
            "routeSettings",
            "stageVariables",
            "tags")) {
      copy(in, doc, m);
    }
    settings(doc.get("defaultRouteSettings"));
    JsonNode rs = doc.get("routeSettings");
    if (rs != null && rs.isObject()) {
      for (var e : rs.properties()) {
        parseRouteKey(e.getKey());
        settings(e.getValue());
      }
    }
    String dest = doc.path("accessLogSettings").path("destinationArn").asText(null);
    if (dest != null && logGroupOf(dest) == null) {
      throw GatewayException.badRequest(
          "Invalid destination ARN "
              + dest
              + ": expected arn:aws:logs:<region>:<account>:log-group:<name>");
    }
    return doc;
  }

  private ObjectNode defaultStage(String name, boolean autoDeploy) {
    ObjectNode doc = MAPPER.createObjectNode();
    String now = now();
    doc.put("autoDeploy", autoDeploy);
    doc.put("createdDate", now);
    ObjectNode drs = doc.putObject("defaultRouteSettings");
    drs.put("detailedMetricsEnabled", false);
    doc.put("lastUpdatedDate", now);
    doc.putObject("routeSettings");
    doc.put("stageName", name);
    doc.putObject("stageVariables");
    doc.putObject("tags");
    return doc;
  }

  private static void settings(JsonNode s) {
    if (s == null || s.isNull()) {
      return;
    }
    JsonNode burst = s.get("throttlingBurstLimit");
    JsonNode rate = s.get("throttlingRateLimit");
    if (burst != null && burst.asInt() < 0) {
      throw GatewayException.badRequest("ThrottlingBurstLimit must be non-negative");
    }
    if (rate != null && rate.asDouble() < 0) {
      throw GatewayException.badRequest("ThrottlingRateLimit must be non-negative");
    }
  }

  private ObjectNode authorizer(JsonNode in, ObjectNode old) {
    ObjectNode doc = old == null ? MAPPER.createObjectNode() : old.deepCopy();
    if (old == null) {
      doc.put("authorizerId", newId(6));
      doc.put("authorizerResultTtlInSeconds", 0);
    }
    for (String m :
        List.of(
            "authorizerPayloadFormatVersion",
            "authorizerResultTtlInSeconds",
            "authorizerType",
            "authorizerUri",
            "enableSimpleResponses",
            "identitySource",
            "name")) {
      copy(in, doc, m);
    }
    if (!"REQUEST".equals(text(doc, "authorizerType"))) {
      throw GatewayException.badRequest(
          "Outlet supports only REQUEST (Lambda) authorizers, got " + text(doc, "authorizerType"));
    }
    if (!"2.0".equals(text(doc, "authorizerPayloadFormatVersion"))) {
      throw GatewayException.badRequest(
          "Outlet supports AuthorizerPayloadFormatVersion 2.0 only for Lambda authorizers");
    }
    if (doc.path("enableSimpleResponses").asBoolean(false)
        && !"2.0".equals(text(doc, "authorizerPayloadFormatVersion"))) {
      throw GatewayException.badRequest("Simple responses require payload format version 2.0");
    }
    functionOf(text(doc, "authorizerUri"));
    int ttl = doc.path("authorizerResultTtlInSeconds").asInt(0);
    if (ttl < 0 || ttl > 3600) {
      throw GatewayException.badRequest("AuthorizerResultTtlInSeconds must be between 0 and 3600");
    }
    if (ttl > 0 && doc.path("identitySource").isEmpty()) {
      throw GatewayException.badRequest(
          "Identity sources are required when authorizer caching is enabled");
    }
    for (JsonNode s : doc.path("identitySource")) {
      String v = s.asText();
      if (!v.startsWith("$request.header.")
          && !v.startsWith("$request.querystring.")
          && !v.startsWith("$context.")
          && !v.startsWith("$stageVariables.")) {
        throw GatewayException.badRequest("Invalid identity source " + v);
      }
    }
    if (text(doc, "name") == null) {
      throw GatewayException.badRequest("Name is required");
    }
    return doc;
  }

  private static void validateCors(JsonNode cors) {
    if (cors != null && cors.has("maxAge")) {
      int m = cors.get("maxAge").asInt();
      if (m < -1 || m > 86400) {
        throw GatewayException.badRequest("MaxAge must be between -1 and 86400");
      }
    }
  }

  // ---- compile and publish

  private void publish(String apiId) {
    ApiDocs d = apis.get(apiId);
    Map<String, Catalog.Target> targets = new LinkedHashMap<>();
    Map<String, Authorizer> authorizers = new HashMap<>();
    for (ObjectNode a : d.kind("authorizers").values()) {
      List<String> sources = new ArrayList<>();
      a.path("identitySource").forEach(s -> sources.add(s.asText()));
      authorizers.put(
          text(a, "authorizerId"),
          new Authorizer(
              text(a, "authorizerId"),
              functionOf(text(a, "authorizerUri")),
              sources,
              a.path("authorizerResultTtlInSeconds").asInt(0),
              a.path("enableSimpleResponses").asBoolean(false)));
    }
    for (ObjectNode r : d.kind("routes").values()) {
      String key = text(r, "routeKey");
      String target = text(r, "target");
      Catalog.Integration integration = null;
      if (target != null) {
        ObjectNode i = d.kind("integrations").get(target.substring("integrations/".length()));
        if (i != null) {
          integration =
              new Catalog.Integration(
                  functionOf(text(i, "integrationUri")),
                  "1.0".equals(text(i, "payloadFormatVersion")),
                  i.path("timeoutInMillis").asLong(30000));
        }
      }
      String auth = text(r, "authorizationType");
      String resource = key.equals("$default") ? "$default" : key.substring(key.indexOf(' ') + 1);
      targets.put(
          key,
          new Catalog.Target(
              key,
              resource,
              integration,
              "CUSTOM".equals(auth) ? authorizers.get(text(r, "authorizerId")) : null,
              "AWS_IAM".equals(auth)));
    }
    Map<String, Catalog.Stage> stages = new HashMap<>();
    long now = nanos.getAsLong();
    for (ObjectNode s : d.kind("stages").values()) {
      Map<String, String> vars = new LinkedHashMap<>();
      s.path("stageVariables")
          .properties()
          .forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
      Map<String, TokenBucket> routeBuckets = new HashMap<>();
      s.path("routeSettings")
          .properties()
          .forEach(
              e -> {
                TokenBucket b = bucket(e.getValue(), now);
                if (b != null) {
                  routeBuckets.put(e.getKey(), b);
                }
              });
      String name = text(s, "stageName");
      String dest = s.path("accessLogSettings").path("destinationArn").asText(null);
      String group = dest != null ? logGroupOf(dest) : "/aws/apigateway/" + apiId;
      stages.put(
          name,
          new Catalog.Stage(
              name,
              Map.copyOf(vars),
              bucket(s.get("defaultRouteSettings"), now),
              Map.copyOf(routeBuckets),
              group,
              s.path("accessLogSettings").path("format").asText(null)));
    }
    catalog.publish(
        new Catalog.Api(
            apiId,
            cors(d.api.get("corsConfiguration")),
            RouteTable.of(targets),
            Map.copyOf(stages)));
  }

  private static TokenBucket bucket(JsonNode settings, long now) {
    if (settings == null
        || !settings.isObject()
        || (!settings.has("throttlingBurstLimit") && !settings.has("throttlingRateLimit"))) {
      return null;
    }
    double rate = settings.path("throttlingRateLimit").asDouble(10_000);
    int burst = settings.path("throttlingBurstLimit").asInt(5_000);
    return new TokenBucket(rate, burst, now);
  }

  static CorsRules cors(JsonNode c) {
    if (c == null || !c.isObject()) {
      return null;
    }
    return new CorsRules(
        c.path("allowCredentials").asBoolean(false),
        strings(c.get("allowHeaders")),
        strings(c.get("allowMethods")),
        strings(c.get("allowOrigins")),
        strings(c.get("exposeHeaders")),
        c.has("maxAge") ? c.get("maxAge").asInt() : null);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null) {
      n.forEach(v -> out.add(v.asText()));
    }
    return List.copyOf(out);
  }

  /** The log group named by a CloudWatch Logs ARN, or null. */
  static String logGroupOf(String arn) {
    Matcher m =
        Pattern.compile("arn:aws[a-zA-Z-]*:logs:[^:]*:\\d*:log-group:([^:]+)(:\\*)?").matcher(arn);
    return m.matches() ? m.group(1) : null;
  }

  /** The function an integration or authorizer URI names, or BadRequestException. */
  static String functionOf(String uri) {
    if (uri != null) {
      Matcher m = FUNCTION.matcher(uri);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw GatewayException.badRequest(
        "Invalid integration URI specified: "
            + uri
            + " (Outlet integrates Lambda functions: arn:aws:lambda:<region>:<account>:function:<name>)");
  }

  private static void parseRouteKey(String key) {
    try {
      RouteTable.Key.parse(key);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(e.getMessage());
    }
  }

  private ApiDocs docs(String apiId) {
    ApiDocs d = apis.get(apiId);
    if (d == null) {
      throw GatewayException.notFound(
          "Invalid API identifier specified " + accountId + ":" + apiId);
    }
    return d;
  }

  private static ObjectNode child(ApiDocs d, String kind, String id) {
    ObjectNode doc = d.kind(kind).get(id);
    if (doc == null) {
      String what =
          switch (kind) {
            case "integrations" -> "Integration";
            case "routes" -> "Route";
            case "stages" -> "Stage";
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
      default -> text(doc, "authorizerId");
    };
  }

  String region() {
    return region;
  }

  static String text(JsonNode n, String member) {
    JsonNode v = n == null ? null : n.get(member);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void copy(JsonNode from, ObjectNode to, String member) {
    JsonNode v = from.get(member);
    if (v != null && !v.isNull()) {
      to.set(member, v.deepCopy());
    }
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String newId(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("corrupt gateway document", e);
    }
  }
}
