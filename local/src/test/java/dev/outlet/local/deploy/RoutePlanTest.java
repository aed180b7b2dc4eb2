package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.local.deploy.RoutePlan.Current;
import dev.outlet.local.deploy.RoutePlan.Integration;
import dev.outlet.local.deploy.RoutePlan.Route;
import dev.outlet.local.deploy.RoutePlan.Step;
import dev.outlet.local.deploy.RoutePlan.WantedRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePlanTest {
  private static final String A = "arn:aws:lambda:us-east-1:000000000000:function:a";
  private static final String B = "arn:aws:lambda:us-east-1:000000000000:function:b";

  @Test
  void aNewApiGetsOneIntegrationPerFunctionAndFormatItsRoutesAndTheDefaultStage() {
    List<Step> steps =
        RoutePlan.plan(
            "s-ServerlessHttpApi",
            List.of(
                new WantedRoute("GET /a", A, "2.0"),
                new WantedRoute("POST /a", A, "2.0"),
                new WantedRoute("GET /b", B, "2.0"),
                new WantedRoute("GET /legacy", A, "1.0")),
            Current.absent());
    assertThat(steps)
        .containsExactly(
            new Step.CreateApi("s-ServerlessHttpApi"),
            new Step.CreateIntegration(0, A, "2.0"),
            new Step.CreateRoute("GET /a", null, 0),
            new Step.CreateRoute("POST /a", null, 0),
            new Step.CreateIntegration(1, B, "2.0"),
            new Step.CreateRoute("GET /b", null, 1),
            new Step.CreateIntegration(2, A, "1.0"),
            new Step.CreateRoute("GET /legacy", null, 2),
            new Step.CreateDefaultStage());
  }

  @Test
  void anApiThatAlreadyMatchesNeedsNothing() {
    Current current =
        new Current(
            "api1",
            List.of(new Integration("i1", A, "2.0")),
            List.of(new Route("r1", "GET /a", "integrations/i1")),
            true);
    assertThat(RoutePlan.plan("x", List.of(new WantedRoute("GET /a", A, "2.0")), current))
        .isEmpty();
  }

  @Test
  void movedRoutesAreRepointedAndRemovedOnesDeleted() {
    Current current =
        new Current(
            "api1",
            List.of(new Integration("i1", A, "2.0"), new Integration("i2", B, "2.0")),
            List.of(
                new Route("r1", "GET /a", "integrations/i1"),
                new Route("r2", "GET /gone", "integrations/i1")),
            true);
    assertThat(
            RoutePlan.plan(
                "x",
                List.of(new WantedRoute("GET /a", B, "2.0"), new WantedRoute("GET /c", A, "1.0")),
                current))
        .containsExactly(
            new Step.UpdateRoute("r1", "GET /a", "i2", -1),
            new Step.CreateIntegration(0, A, "1.0"),
            new Step.CreateRoute("GET /c", null, 0),
            new Step.DeleteRoute("r2", "GET /gone"));
  }
}
