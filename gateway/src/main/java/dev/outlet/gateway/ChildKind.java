package dev.outlet.gateway;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One kind of an API's children (integrations, routes, stages, authorizers, deployments): its path
 * segment (also its {@code kind} in {@link dev.outlet.core.DefinitionStore}), the singular of its
 * operation names, its record and request types, where it lives in {@link ApiState}, its id, its
 * rules and which routes use it. {@link ApisModel} and {@link ApisService} are written once over
 * these five values instead of switching on kind strings.
 *
 * @param <T> the resource's record
 * @param <R> the body of its Create and Update operations
 */
record ChildKind<T, R>(
    String segment,
    String name,
    Class<T> type,
    Class<R> request,
    Function<ApiState, Map<String, T>> map,
    Function<T, String> id,
    Rules<T, R> rules,
    BiPredicate<Route, String> usedBy) {

  /** Validates {@code in} onto {@code old} (null on create) within {@code api}: the new record. */
  @FunctionalInterface
  interface Rules<T, R> {
    T apply(ApiState api, R in, T old);
  }

  static final ChildKind<Integration, Integration> INTEGRATIONS =
      new ChildKind<>(
          "integrations",
          "Integration",
          Integration.class,
          Integration.class,
          a -> a.integrations,
          Integration::integrationId,
          (a, in, old) -> ApiDefinitions.integration(in, old),
          (r, id) -> r.to().equals(new Route.Target.ToIntegration(id)));

  static final ChildKind<Route, Route> ROUTES =
      new ChildKind<>(
          "routes",
          "Route",
          Route.class,
          Route.class,
          a -> a.routes,
          Route::routeId,
          ApiDefinitions::route,
          null);

  static final ChildKind<Stage, Stage> STAGES =
      new ChildKind<>(
          "stages",
          "Stage",
          Stage.class,
          Stage.class,
          a -> a.stages,
          Stage::stageName,
          ApiDefinitions::stage,
          null);

  static final ChildKind<ApiAuthorizer, ApiAuthorizer> AUTHORIZERS =
      new ChildKind<>(
          "authorizers",
          "Authorizer",
          ApiAuthorizer.class,
          ApiAuthorizer.class,
          a -> a.authorizers,
          ApiAuthorizer::authorizerId,
          (a, in, old) -> ApiDefinitions.authorizer(in, old),
          (r, id) -> r.authorization().equals(new Route.Authorization.Custom(id)));

  static final ChildKind<Deployment, Deployment.Request> DEPLOYMENTS =
      new ChildKind<>(
          "deployments",
          "Deployment",
          Deployment.class,
          Deployment.Request.class,
          a -> a.deployments,
          Deployment::deploymentId,
          (a, in, old) -> ApiDefinitions.deployment(in, old),
          null);

  /** Every kind, in the order their documents load. */
  static final List<ChildKind<?, ?>> ALL =
      List.of(INTEGRATIONS, ROUTES, STAGES, AUTHORIZERS, DEPLOYMENTS);

  /** The child {@code id} of {@code api}, or NotFoundException with apigatewayv2's words. */
  T get(ApiState api, String id) {
    T doc = map.apply(api).get(id);
    if (doc == null) {
      throw GatewayException.notFound("Invalid " + name + " identifier specified " + id);
    }
    return doc;
  }
}
