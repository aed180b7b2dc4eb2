package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A deployment as apigatewayv2 returns and {@link dev.outlet.core.DefinitionStore} keeps it. Outlet
 * serves every stage's current routes at once, so a deployment only records itself (status
 * DEPLOYED) and, when created with a {@code stageName}, its stage. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Deployment(
    Boolean autoDeployed,
    String createdDate,
    String deploymentId,
    String deploymentStatus,
    String description) {

  /** CreateDeployment's and UpdateDeployment's body. */
  record Request(String description, String stageName) {}

  /** A new deployment at {@code now}. */
  static Deployment of(String id, String now) {
    return new Deployment(false, now, id, "DEPLOYED", null);
  }

  /** This deployment with the request's description, when it has one. */
  Deployment merge(Request in) {
    return new Deployment(
        autoDeployed, createdDate, deploymentId, deploymentStatus, or(in.description, description));
  }
}
