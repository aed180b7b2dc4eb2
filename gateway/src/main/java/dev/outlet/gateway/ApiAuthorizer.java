package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An authorizer as apigatewayv2 returns and {@link dev.outlet.core.DefinitionStore} keeps it (named
 * so beside {@link Authorizer}, its compiled form with the cache). Outlet serves REQUEST (Lambda)
 * authorizers with payload 2.0; {@link ApiDefinitions} refuses the rest. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiAuthorizer(
    String authorizerId,
    String authorizerPayloadFormatVersion,
    Integer authorizerResultTtlInSeconds,
    String authorizerType,
    String authorizerUri,
    Boolean enableSimpleResponses,
    List<String> identitySource,
    String name) {

  /** A new authorizer's defaults, before the request's members. */
  static ApiAuthorizer defaults(String id) {
    return new ApiAuthorizer(id, null, 0, null, null, null, null, null);
  }

  /** This authorizer with the members CreateAuthorizer/UpdateAuthorizer may set from {@code in}. */
  ApiAuthorizer merge(ApiAuthorizer in) {
    return new ApiAuthorizer(
        authorizerId,
        or(in.authorizerPayloadFormatVersion, authorizerPayloadFormatVersion),
        or(in.authorizerResultTtlInSeconds, authorizerResultTtlInSeconds),
        or(in.authorizerType, authorizerType),
        or(in.authorizerUri, authorizerUri),
        or(in.enableSimpleResponses, enableSimpleResponses),
        or(in.identitySource, identitySource),
        or(in.name, name));
  }

  /** The identity sources, never null. */
  List<String> sources() {
    return identitySource == null ? List.of() : identitySource;
  }

  /** The data plane's authorizer (a fresh cache). */
  Authorizer compile() {
    return new Authorizer(
        authorizerId,
        ApiDefinitions.functionOf(authorizerUri),
        sources(),
        authorizerResultTtlInSeconds == null ? 0 : authorizerResultTtlInSeconds,
        Boolean.TRUE.equals(enableSimpleResponses));
  }
}
