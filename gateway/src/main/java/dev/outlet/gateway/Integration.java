package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An integration as apigatewayv2 returns and {@link dev.outlet.core.DefinitionStore} keeps it.
 * Outlet integrates Lambda functions only ({@code AWS_PROXY}); {@link ApiDefinitions} refuses any
 * other type, so a stored integration always names a function. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Integration(
    Boolean apiGatewayManaged,
    String connectionType,
    String description,
    String integrationId,
    String integrationMethod,
    String integrationType,
    String integrationUri,
    String payloadFormatVersion,
    Map<String, String> requestParameters,
    Map<String, Map<String, String>> responseParameters,
    Integer timeoutInMillis) {

  /** A new integration's defaults, as CreateIntegration fills them in before the request's. */
  static Integration defaults(String id) {
    return new Integration(
        null, "INTERNET", null, id, "POST", null, null, "2.0", null, null, 30000);
  }

  /**
   * This integration with the members CreateIntegration/UpdateIntegration may set from {@code in}.
   */
  Integration merge(Integration in) {
    return new Integration(
        apiGatewayManaged,
        or(in.connectionType, connectionType),
        or(in.description, description),
        integrationId,
        or(in.integrationMethod, integrationMethod),
        or(in.integrationType, integrationType),
        or(in.integrationUri, integrationUri),
        or(in.payloadFormatVersion, payloadFormatVersion),
        or(in.requestParameters, requestParameters),
        or(in.responseParameters, responseParameters),
        or(in.timeoutInMillis, timeoutInMillis));
  }

  /** What the data plane calls: the function, the payload version and the timeout. */
  Catalog.Integration compile() {
    return new Catalog.Integration(
        ApiDefinitions.functionOf(integrationUri),
        "1.0".equals(payloadFormatVersion),
        timeoutInMillis == null ? 30000 : timeoutInMillis);
  }
}
