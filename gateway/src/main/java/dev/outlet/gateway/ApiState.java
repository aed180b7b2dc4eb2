package dev.outlet.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP API's definitions: the API and one typed map per child kind, by id, in creation order.
 * Owned by {@link ApisModel} and touched only under its lock; the records in it are immutable, so
 * {@link ApiCompiler} and the service may keep what they read.
 */
final class ApiState {
  HttpApi api;
  final Map<String, Integration> integrations = new LinkedHashMap<>();
  final Map<String, Route> routes = new LinkedHashMap<>();
  final Map<String, Stage> stages = new LinkedHashMap<>();
  final Map<String, ApiAuthorizer> authorizers = new LinkedHashMap<>();
  final Map<String, Deployment> deployments = new LinkedHashMap<>();

  ApiState(HttpApi api) {
    this.api = api;
  }
}
