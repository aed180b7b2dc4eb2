package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiling records into the data plane's route table, one sealed variant at a time. */
class ApiCompilerTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  private static Route route(String id, String key, String target, String auth, String authorizer) {
    return new Route(null, false, null, auth, authorizer, null, null, id, key, target);
  }

  private static ApiState state() {
    ApiState a =
        new ApiState(
            new HttpApi(
                null,
                "api1",
                null,
                new HttpApi.Cors(true, null, List.of("GET"), List.of("*"), null, 5),
                null,
                null,
                false,
                "a",
                "HTTP",
                null,
                null,
                null));
    a.integrations.put(
        "i1",
        new Integration(null, null, null, "i1", null, "AWS_PROXY", FN, "2.0", null, null, 900));
    a.authorizers.put(
        "au1", new ApiAuthorizer("au1", "2.0", 0, "REQUEST", FN, false, List.of(), "n"));
    a.routes.put("r1", route("r1", "GET /open", "integrations/i1", "NONE", null));
    a.routes.put("r2", route("r2", "GET /iam", "integrations/i1", "AWS_IAM", null));
    a.routes.put("r3", route("r3", "GET /custom", "integrations/i1", "CUSTOM", "au1"));
    a.routes.put("r4", route("r4", "GET /nowhere", null, "NONE", null));
    a.stages.put("$default", Stage.defaults("$default", true, "t"));
    return a;
  }

  private static Catalog.Target target(Catalog.Api api, String path) {
    return api.routes().select("GET", path).orElseThrow().target();
  }

  @Test
  void aRouteToAnIntegrationCallsItsFunctionWithItsPayloadAndTimeout() {
    Catalog.Target t = target(ApiCompiler.compile(state(), 0), "/open");
    assertThat(t.integration()).isEqualTo(new Catalog.Integration("f", false, 900));
    assertThat(t.resourcePath()).isEqualTo("/open");
    assertThat(t.iam()).isFalse();
    assertThat(t.authorizer()).isNull();
  }

  @Test
  void aRouteWithoutTargetCompilesWithoutIntegration() {
    assertThat(target(ApiCompiler.compile(state(), 0), "/nowhere").integration()).isNull();
  }

  @Test
  void iamAndCustomAuthorizationsBecomeTheTargetsChecks() {
    Catalog.Api api = ApiCompiler.compile(state(), 0);
    assertThat(target(api, "/iam").iam()).isTrue();
    assertThat(target(api, "/iam").authorizer()).isNull();
    assertThat(target(api, "/custom").authorizer().id()).isEqualTo("au1");
    assertThat(target(api, "/custom").iam()).isFalse();
  }

  @Test
  void theApisCorsAndStagesAreCompiledWithDefaults() {
    Catalog.Api api = ApiCompiler.compile(state(), 0);
    assertThat(api.cors().allowCredentials()).isTrue();
    assertThat(api.cors().allowHeaders()).isEmpty();
    assertThat(api.cors().maxAge()).isEqualTo(5);
    Catalog.Stage stage = api.stages().get("$default");
    assertThat(stage.defaultBucket()).isNull();
    assertThat(stage.variables()).isEqualTo(Map.of());
    assertThat(stage.logGroup()).isEqualTo("/aws/apigateway/api1");
  }
}
