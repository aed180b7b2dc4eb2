package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apigatewayv2 documents' rules: defaults of new integrations, routes, stages and authorizers,
 * the members an update may change, and validation with BadRequestException/ConflictException. Pure
 * (over the given documents), so {@link ApisModel} validates before it writes anything.
 */
final class ApiDefinitions {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern FUNCTION =
      Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[^:]+:\\d{12}:function:([a-zA-Z0-9-_.]+)");

  private ApiDefinitions() {}

  static ObjectNode integration(JsonNode in, ObjectNode old) {
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

  static ObjectNode route(ApiDocuments d, JsonNode in, ObjectNode old) {
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

  static ObjectNode stage(ApiDocuments d, JsonNode in, ObjectNode old) {
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

  static ObjectNode defaultStage(String name, boolean autoDeploy) {
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

  static ObjectNode authorizer(JsonNode in, ObjectNode old) {
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

  /**
   * A deployment record ({@code CreateDeployment}): Outlet serves every stage's current routes at
   * once, so a deployment only records itself (status DEPLOYED) and its stage.
   */
  static ObjectNode deployment(JsonNode in, ObjectNode old) {
    ObjectNode doc = old == null ? MAPPER.createObjectNode() : old.deepCopy();
    if (old == null) {
      doc.put("autoDeployed", false);
      doc.put("createdDate", now());
      doc.put("deploymentId", newId(6));
      doc.put("deploymentStatus", "DEPLOYED");
    }
    copy(in, doc, "description");
    return doc;
  }

  static void validateCors(JsonNode cors) {
    if (cors != null && cors.has("maxAge")) {
      int m = cors.get("maxAge").asInt();
      if (m < -1 || m > 86400) {
        throw GatewayException.badRequest("MaxAge must be between -1 and 86400");
      }
    }
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

  static void parseRouteKey(String key) {
    try {
      RouteTable.Key.parse(key);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(e.getMessage());
    }
  }

  static String text(JsonNode n, String member) {
    JsonNode v = n == null ? null : n.get(member);
    return v == null || v.isNull() ? null : v.asText();
  }

  static void copy(JsonNode from, ObjectNode to, String member) {
    JsonNode v = from.get(member);
    if (v != null && !v.isNull()) {
      to.set(member, v.deepCopy());
    }
  }

  static String now() {
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
}
