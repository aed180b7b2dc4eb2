package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A stage as apigatewayv2 returns and {@link dev.outlet.core.DefinitionStore} keeps it. Every stage
 * serves the API's current routes; {@code deploymentId} only records the last deployment.
 * Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Stage(
    AccessLogSettings accessLogSettings,
    Boolean apiGatewayManaged,
    Boolean autoDeploy,
    String createdDate,
    RouteSettings defaultRouteSettings,
    String deploymentId,
    String description,
    String lastUpdatedDate,
    Map<String, RouteSettings> routeSettings,
    String stageName,
    Map<String, String> stageVariables,
    Map<String, String> tags) {

  /** Where a stage's access log goes and in which format. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AccessLogSettings(String destinationArn, String format) {}

  /** A stage's or a route's settings; Outlet applies the throttling limits. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RouteSettings(
      Boolean dataTraceEnabled,
      Boolean detailedMetricsEnabled,
      String loggingLevel,
      Integer throttlingBurstLimit,
      Double throttlingRateLimit) {

    /** A token bucket full at {@code now}, or null when neither limit is set. */
    TokenBucket bucket(long now) {
      if (throttlingBurstLimit == null && throttlingRateLimit == null) {
        return null;
      }
      return new TokenBucket(
          throttlingRateLimit == null ? 10_000 : throttlingRateLimit,
          throttlingBurstLimit == null ? 5_000 : throttlingBurstLimit,
          now);
    }
  }

  /** A new stage as CreateStage (or quick create) makes it, before the request's members. */
  static Stage defaults(String name, boolean autoDeploy, String now) {
    return new Stage(
        null,
        null,
        autoDeploy,
        now,
        new RouteSettings(null, false, null, null, null),
        null,
        null,
        now,
        Map.of(),
        name,
        Map.of(),
        Map.of());
  }

  /** This stage with the members CreateStage/UpdateStage may set from {@code in}. */
  Stage merge(Stage in) {
    return new Stage(
        or(in.accessLogSettings, accessLogSettings),
        apiGatewayManaged,
        or(in.autoDeploy, autoDeploy),
        createdDate,
        or(in.defaultRouteSettings, defaultRouteSettings),
        deploymentId,
        or(in.description, description),
        lastUpdatedDate,
        or(in.routeSettings, routeSettings),
        stageName,
        or(in.stageVariables, stageVariables),
        or(in.tags, tags));
  }

  /** This stage made by API Gateway itself (quick create). */
  Stage managed() {
    return new Stage(
        accessLogSettings,
        true,
        autoDeploy,
        createdDate,
        defaultRouteSettings,
        deploymentId,
        description,
        lastUpdatedDate,
        routeSettings,
        stageName,
        stageVariables,
        tags);
  }

  /** This stage as changed at {@code now}, with {@code deployment} recorded when non-null. */
  Stage touched(String now, String deployment) {
    return new Stage(
        accessLogSettings,
        apiGatewayManaged,
        autoDeploy,
        createdDate,
        defaultRouteSettings,
        or(deployment, deploymentId),
        description,
        now,
        routeSettings,
        stageName,
        stageVariables,
        tags);
  }
}
