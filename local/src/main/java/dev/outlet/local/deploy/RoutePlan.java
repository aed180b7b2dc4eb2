package dev.outlet.local.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must change on one HTTP API so that its routes are the template's: a pure function from the
 * wanted routes and the API's current state (as GetApis/GetIntegrations/GetRoutes/GetStages report
 * it) to a list of steps. Integrations are reused when one with the same function and payload
 * format exists; routes the template no longer has are deleted (the API belongs to the stack); the
 * {@code $default} stage is created with auto-deploy when missing.
 */
public final class RoutePlan {
  private RoutePlan() {}

  /** A route the template wants. */
  public record WantedRoute(String routeKey, String functionArn, String payloadFormatVersion) {}

  /** The API as the server has it; {@code apiId} null when it does not exist yet. */
  public record Current(
      String apiId, List<Integration> integrations, List<Route> routes, boolean defaultStage) {
    public static Current absent() {
      return new Current(null, List.of(), List.of(), false);
    }
  }

  public record Integration(String id, String uri, String payloadFormatVersion) {}

  /** A route; {@code target} is {@code integrations/<id>} or null. */
  public record Route(String id, String routeKey, String target) {}

  /** One step; an integration not yet created is named by its {@code ref} (its index). */
  public sealed interface Step {
    /** CreateApi. */
    record CreateApi(String name) implements Step {}

    /** CreateIntegration (AWS_PROXY); {@code ref} names it for later steps. */
    record CreateIntegration(int ref, String uri, String payloadFormatVersion) implements Step {}

    /** CreateRoute to an existing integration id or a created one's ref. */
    record CreateRoute(String routeKey, String integrationId, int integrationRef) implements Step {}

    /** UpdateRoute: point an existing route at another integration. */
    record UpdateRoute(String routeId, String routeKey, String integrationId, int integrationRef)
        implements Step {}

    /** DeleteRoute: the template no longer has it. */
    record DeleteRoute(String routeId, String routeKey) implements Step {}

    /** CreateStage {@code $default} with auto-deploy. */
    record CreateDefaultStage() implements Step {}
  }

  public static List<Step> plan(String apiName, List<WantedRoute> wanted, Current current) {
    List<Step> steps = new ArrayList<>();
    if (current.apiId() == null) {
      steps.add(new Step.CreateApi(apiName));
    }
    Map<String, Integer> newRefs = new LinkedHashMap<>();
    Map<String, Route> byKey = new LinkedHashMap<>();
    current.routes().forEach(r -> byKey.put(r.routeKey(), r));
    for (WantedRoute w : wanted) {
      Optional<Integration> existing =
          current.integrations().stream()
              .filter(
                  i ->
                      i.uri().equals(w.functionArn())
                          && i.payloadFormatVersion().equals(w.payloadFormatVersion()))
              .findFirst();
      String integrationId = existing.map(Integration::id).orElse(null);
      int ref = -1;
      if (integrationId == null) {
        String k = w.functionArn() + "|" + w.payloadFormatVersion();
        Integer known = newRefs.get(k);
        if (known == null) {
          known = newRefs.size();
          newRefs.put(k, known);
          steps.add(new Step.CreateIntegration(known, w.functionArn(), w.payloadFormatVersion()));
        }
        ref = known;
      }
      Route route = byKey.remove(w.routeKey());
      if (route == null) {
        steps.add(new Step.CreateRoute(w.routeKey(), integrationId, ref));
      } else if (integrationId == null
          || !("integrations/" + integrationId).equals(route.target())) {
        steps.add(new Step.UpdateRoute(route.id(), w.routeKey(), integrationId, ref));
      }
    }
    for (Route stale : byKey.values()) {
      steps.add(new Step.DeleteRoute(stale.id(), stale.routeKey()));
    }
    if (!current.defaultStage()) {
      steps.add(new Step.CreateDefaultStage());
    }
    return steps;
  }
}
