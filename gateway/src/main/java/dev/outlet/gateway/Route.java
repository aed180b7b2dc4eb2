package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A route as apigatewayv2 returns and {@link dev.outlet.core.DefinitionStore} keeps it. Its {@code
 * target} and its authorization are strings on the wire; {@link #to()} and {@link #authorization()}
 * read them as the closed sets Outlet serves. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Route(
    Boolean apiGatewayManaged,
    Boolean apiKeyRequired,
    List<String> authorizationScopes,
    String authorizationType,
    String authorizerId,
    String operationName,
    Map<String, ParameterConstraints> requestParameters,
    String routeId,
    String routeKey,
    String target) {

  private static final String INTEGRATIONS = "integrations/";

  /** A request parameter's constraint ({@code {"required": true}}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ParameterConstraints(Boolean required) {}

  /** What a route sends its requests to. */
  sealed interface Target {
    /** No target: the route answers 404 until one is set, as on AWS. */
    record None() implements Target {}

    /** {@code integrations/<id>}. */
    record ToIntegration(String integrationId) implements Target {}

    /** A {@code target} that names no integration (refused by validation, never stored). */
    record Unknown(String target) implements Target {}
  }

  /** Who may call a route: the authorization types Outlet serves. */
  sealed interface Authorization {
    /** {@code NONE}. */
    record None() implements Authorization {}

    /** {@code AWS_IAM}: a SigV4 signature is required. */
    record AwsIam() implements Authorization {}

    /** {@code CUSTOM}: a Lambda (REQUEST) authorizer decides. */
    record Custom(String authorizerId) implements Authorization {}

    /** {@code JWT}, refused by validation: Outlet has no JWT authorizers. */
    record Jwt(String authorizerId) implements Authorization {}

    /** Any other string, refused by validation. */
    record Unknown(String type) implements Authorization {}
  }

  /** A new route's defaults, before the request's members. */
  static Route defaults(String id) {
    return new Route(null, false, null, "NONE", null, null, null, id, null, null);
  }

  /** This route with the members CreateRoute/UpdateRoute may set from {@code in}. */
  Route merge(Route in) {
    return new Route(
        apiGatewayManaged,
        or(in.apiKeyRequired, apiKeyRequired),
        or(in.authorizationScopes, authorizationScopes),
        or(in.authorizationType, authorizationType),
        or(in.authorizerId, authorizerId),
        or(in.operationName, operationName),
        or(in.requestParameters, requestParameters),
        routeId,
        or(in.routeKey, routeKey),
        or(in.target, target));
  }

  /** This route without an authorizer (NONE and AWS_IAM routes keep none). */
  Route withoutAuthorizer() {
    return new Route(
        apiGatewayManaged,
        apiKeyRequired,
        authorizationScopes,
        authorizationType,
        null,
        operationName,
        requestParameters,
        routeId,
        routeKey,
        target);
  }

  /** The route's target as a closed set. */
  Target to() {
    if (target == null) {
      return new Target.None();
    }
    return target.startsWith(INTEGRATIONS)
        ? new Target.ToIntegration(target.substring(INTEGRATIONS.length()))
        : new Target.Unknown(target);
  }

  /** The route's authorization as a closed set. */
  Authorization authorization() {
    return switch (authorizationType == null ? "NONE" : authorizationType) {
      case "NONE" -> new Authorization.None();
      case "AWS_IAM" -> new Authorization.AwsIam();
      case "CUSTOM" -> new Authorization.Custom(authorizerId);
      case "JWT" -> new Authorization.Jwt(authorizerId);
      default -> new Authorization.Unknown(authorizationType);
    };
  }

  /** The {@code target} member that points at an integration. */
  static String targetOf(String integrationId) {
    return INTEGRATIONS + integrationId;
  }
}
