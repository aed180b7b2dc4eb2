package dev.outlet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API as apigatewayv2 returns it (and as {@link dev.outlet.core.DefinitionStore} keeps it):
 * AWS's lowerCamelCase members, absent ones omitted. {@code apiEndpoint} is never stored; the
 * service fills it in when it renders the API. Immutable: a change is a new record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HttpApi(
    String apiEndpoint,
    String apiId,
    String apiKeySelectionExpression,
    Cors corsConfiguration,
    String createdDate,
    String description,
    Boolean disableExecuteApiEndpoint,
    String name,
    String protocolType,
    String routeSelectionExpression,
    Map<String, String> tags,
    String version) {

  /** apigatewayv2's CORS configuration of an API. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Cors(
      Boolean allowCredentials,
      List<String> allowHeaders,
      List<String> allowMethods,
      List<String> allowOrigins,
      List<String> exposeHeaders,
      Integer maxAge) {}

  /**
   * CreateApi's body: the API's members plus quick create's {@code target} and {@code routeKey}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Create(
      Cors corsConfiguration,
      String description,
      Boolean disableExecuteApiEndpoint,
      String name,
      String protocolType,
      String routeKey,
      Map<String, String> tags,
      String target,
      String version) {}

  /** This API with the members an UpdateApi may change replaced by those {@code in} has. */
  HttpApi merge(HttpApi in) {
    return new HttpApi(
        null,
        apiId,
        apiKeySelectionExpression,
        or(in.corsConfiguration, corsConfiguration),
        createdDate,
        or(in.description, description),
        or(in.disableExecuteApiEndpoint, disableExecuteApiEndpoint),
        or(in.name, name),
        protocolType,
        routeSelectionExpression,
        tags,
        or(in.version, version));
  }

  /** This API as returned, with its endpoint. */
  HttpApi withEndpoint(String endpoint) {
    return new HttpApi(
        endpoint,
        apiId,
        apiKeySelectionExpression,
        corsConfiguration,
        createdDate,
        description,
        disableExecuteApiEndpoint,
        name,
        protocolType,
        routeSelectionExpression,
        tags,
        version);
  }

  /** {@code value} when an update gave it, else {@code current}: the merge of every Update*. */
  static <T> T or(T value, T current) {
    return value != null ? value : current;
  }
}
