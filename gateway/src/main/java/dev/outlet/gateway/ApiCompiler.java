package dev.outlet.gateway;

import static dev.outlet.gateway.ApiDefinitions.logGroupOf;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles one API's definitions into the immutable {@link Catalog.Api} the data plane reads: the
 * route table with each route's integration and authorizer, and each stage's variables, token
 * buckets (full at {@code now}) and access-log destination. Pure.
 */
final class ApiCompiler {
  private ApiCompiler() {}

  static Catalog.Api compile(ApiState d, long now) {
    String apiId = d.api.apiId();
    Map<String, Authorizer> authorizers = new HashMap<>();
    d.authorizers.forEach((id, a) -> authorizers.put(id, a.compile()));
    Map<String, Catalog.Target> targets = new LinkedHashMap<>();
    for (Route r : d.routes.values()) {
      String key = r.routeKey();
      Catalog.Integration integration =
          switch (r.to()) {
            case Route.Target.ToIntegration t -> {
              Integration i = d.integrations.get(t.integrationId());
              yield i == null ? null : i.compile();
            }
            case Route.Target.None n -> null;
            case Route.Target.Unknown u -> null;
          };
      Route.Authorization auth = r.authorization();
      String resource = key.equals("$default") ? "$default" : key.substring(key.indexOf(' ') + 1);
      targets.put(
          key,
          new Catalog.Target(
              key,
              resource,
              integration,
              auth instanceof Route.Authorization.Custom c
                  ? authorizers.get(c.authorizerId())
                  : null,
              auth instanceof Route.Authorization.AwsIam));
    }
    Map<String, Catalog.Stage> stages = new HashMap<>();
    for (Stage s : d.stages.values()) {
      Map<String, TokenBucket> routeBuckets = new HashMap<>();
      if (s.routeSettings() != null) {
        s.routeSettings()
            .forEach(
                (key, settings) -> {
                  TokenBucket b = settings == null ? null : settings.bucket(now);
                  if (b != null) {
                    routeBuckets.put(key, b);
                  }
                });
      }
      Stage.AccessLogSettings log = s.accessLogSettings();
      String dest = log == null ? null : log.destinationArn();
      String group = dest != null ? logGroupOf(dest) : "/aws/apigateway/" + apiId;
      stages.put(
          s.stageName(),
          new Catalog.Stage(
              s.stageName(),
              s.stageVariables() == null ? Map.of() : Map.copyOf(s.stageVariables()),
              s.defaultRouteSettings() == null ? null : s.defaultRouteSettings().bucket(now),
              Map.copyOf(routeBuckets),
              group,
              log == null ? null : log.format()));
    }
    return new Catalog.Api(
        apiId, cors(d.api.corsConfiguration()), RouteTable.of(targets), Map.copyOf(stages));
  }

  static CorsRules cors(HttpApi.Cors c) {
    if (c == null) {
      return null;
    }
    return new CorsRules(
        Boolean.TRUE.equals(c.allowCredentials()),
        strings(c.allowHeaders()),
        strings(c.allowMethods()),
        strings(c.allowOrigins()),
        strings(c.exposeHeaders()),
        c.maxAge());
  }

  private static List<String> strings(List<String> n) {
    return n == null ? List.of() : List.copyOf(n);
  }
}
