package dev.outlet.gateway;

import static dev.outlet.gateway.ApiDefinitions.functionOf;
import static dev.outlet.gateway.ApiDefinitions.logGroupOf;
import static dev.outlet.gateway.ApiDefinitions.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles one API's documents into the immutable {@link Catalog.Api} the data plane reads: the
 * route table with each route's integration and authorizer, and each stage's variables, token
 * buckets (full at {@code now}) and access-log destination. Pure.
 */
final class ApiCompiler {
  private ApiCompiler() {}

  static Catalog.Api compile(String apiId, ApiDocuments d, long now) {
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
    return new Catalog.Api(
        apiId, cors(d.api.get("corsConfiguration")), RouteTable.of(targets), Map.copyOf(stages));
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
}
