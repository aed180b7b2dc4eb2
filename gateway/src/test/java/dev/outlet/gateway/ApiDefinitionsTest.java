package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apigatewayv2 rules over the records: defaults, merges of updates, AWS's messages. */
class ApiDefinitionsTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  private static <T> T json(String s, Class<T> type) throws Exception {
    return ApisModel.MAPPER.readValue(s, type);
  }

  private static ApiState api() {
    ApiState a =
        new ApiState(
            ApiDefinitions.api(
                new HttpApi.Create(null, null, null, "a", "HTTP", null, null, null, null)));
    Integration i =
        ApiDefinitions.integration(
            new Integration(null, null, null, null, null, "AWS_PROXY", FN, null, null, null, null),
            null);
    a.integrations.put(i.integrationId(), i);
    return a;
  }

  @Test
  void aNewIntegrationGetsAwsDefaultsAndTheRequestMembersWin() throws Exception {
    Integration i =
        ApiDefinitions.integration(
            json(
                "{\"integrationType\":\"AWS_PROXY\",\"integrationUri\":\""
                    + FN
                    + "\",\"payloadFormatVersion\":\"1.0\",\"unknownMember\":1}",
                Integration.class),
            null);
    assertThat(i.integrationId()).hasSize(7);
    assertThat(i.connectionType()).isEqualTo("INTERNET");
    assertThat(i.integrationMethod()).isEqualTo("POST");
    assertThat(i.timeoutInMillis()).isEqualTo(30000);
    assertThat(i.payloadFormatVersion()).isEqualTo("1.0");
    assertThat(i.compile()).isEqualTo(new Catalog.Integration("f", true, 30000));
  }

  @Test
  void anUpdateChangesOnlyTheMembersItGivesAndKeepsTheId() throws Exception {
    Integration old = api().integrations.values().iterator().next();
    Integration next =
        ApiDefinitions.integration(json("{\"timeoutInMillis\":500}", Integration.class), old);
    assertThat(next.integrationId()).isEqualTo(old.integrationId());
    assertThat(next.timeoutInMillis()).isEqualTo(500);
    assertThat(next.integrationUri()).isEqualTo(FN);
    assertThat(next.payloadFormatVersion()).isEqualTo("2.0");
  }

  @Test
  void integrationsKeepApiGatewaysMessages() {
    Integration old = api().integrations.values().iterator().next();
    assertThatThrownBy(
            () ->
                ApiDefinitions.integration(
                    new Integration(
                        null, null, null, null, null, "HTTP_PROXY", null, null, null, null, null),
                    old))
        .hasMessage(
            "Outlet supports only AWS_PROXY integrations with Lambda functions, got HTTP_PROXY");
    assertThatThrownBy(
            () ->
                ApiDefinitions.integration(
                    new Integration(
                        null, null, null, null, null, null, null, "3.0", null, null, null),
                    old))
        .hasMessage("Invalid payload format version specified, must be one of [1.0, 2.0]");
    assertThatThrownBy(
            () ->
                ApiDefinitions.integration(
                    new Integration(
                        null, null, null, null, null, null, null, null, null, null, 40000),
                    old))
        .hasMessage("Timeout must be between 50 and 30000 milliseconds for HTTP APIs");
  }

  @Test
  void aRouteTargetIsAnIntegrationOrNothing() throws Exception {
    ApiState a = api();
    String integrationId = a.integrations.keySet().iterator().next();
    Route bound =
        ApiDefinitions.route(
            a,
            json(
                "{\"routeKey\":\"GET /a\",\"target\":\"integrations/" + integrationId + "\"}",
                Route.class),
            null);
    assertThat(bound.to()).isEqualTo(new Route.Target.ToIntegration(integrationId));
    Route none = ApiDefinitions.route(a, json("{\"routeKey\":\"GET /b\"}", Route.class), null);
    assertThat(none.to()).isEqualTo(new Route.Target.None());
    assertThatThrownBy(
            () ->
                ApiDefinitions.route(
                    a,
                    json("{\"routeKey\":\"GET /c\",\"target\":\"http://x\"}", Route.class),
                    null))
        .hasMessage("Invalid target http://x specified");
  }

  @Test
  void routeAuthorizationsAreTheClosedSetOutletServes() throws Exception {
    ApiState a = api();
    Route iam =
        ApiDefinitions.route(
            a,
            json(
                "{\"routeKey\":\"GET /a\",\"authorizationType\":\"AWS_IAM\",\"authorizerId\":\"x\"}",
                Route.class),
            null);
    assertThat(iam.authorization()).isEqualTo(new Route.Authorization.AwsIam());
    assertThat(iam.authorizerId()).isNull();
    assertThat(
            ApiDefinitions.route(a, json("{\"routeKey\":\"GET /b\"}", Route.class), null)
                .authorization())
        .isEqualTo(new Route.Authorization.None());
    assertThatThrownBy(
            () ->
                ApiDefinitions.route(
                    a,
                    json("{\"routeKey\":\"GET /c\",\"authorizationType\":\"CUSTOM\"}", Route.class),
                    null))
        .hasMessage("Invalid authorizer identifier specified: none");
    assertThatThrownBy(
            () ->
                ApiDefinitions.route(
                    a,
                    json("{\"routeKey\":\"GET /c\",\"authorizationType\":\"JWT\"}", Route.class),
                    null))
        .hasMessage("Outlet does not support JWT authorizers");
    assertThatThrownBy(
            () ->
                ApiDefinitions.route(
                    a,
                    json("{\"routeKey\":\"GET /c\",\"authorizationType\":\"OPEN\"}", Route.class),
                    null))
        .hasMessage("AuthorizationType must be one of [NONE, AWS_IAM, CUSTOM, JWT], got OPEN");
  }

  @Test
  void aRouteKeyIsRequiredAndUniqueWithinItsApi() throws Exception {
    ApiState a = api();
    Route r = ApiDefinitions.route(a, json("{\"routeKey\":\"GET /a\"}", Route.class), null);
    a.routes.put(r.routeId(), r);
    assertThatThrownBy(() -> ApiDefinitions.route(a, json("{}", Route.class), null))
        .hasMessage("RouteKey is required");
    assertThatThrownBy(
            () -> ApiDefinitions.route(a, json("{\"routeKey\":\"GET /a\"}", Route.class), null))
        .isInstanceOf(GatewayException.class)
        .hasMessage("Route with key GET /a already exists for this API");
    Route renamed = ApiDefinitions.route(a, json("{\"operationName\":\"op\"}", Route.class), r);
    assertThat(renamed.routeKey()).isEqualTo("GET /a");
    assertThat(renamed.operationName()).isEqualTo("op");
  }

  @Test
  void aStageIsNamedOnceAndItsSettingsAreChecked() throws Exception {
    ApiState a = api();
    Stage prod = ApiDefinitions.stage(a, json("{\"stageName\":\"prod\"}", Stage.class), null);
    assertThat(prod.defaultRouteSettings().detailedMetricsEnabled()).isFalse();
    assertThat(prod.stageVariables()).isEmpty();
    assertThat(prod.autoDeploy()).isFalse();
    a.stages.put("prod", prod);
    assertThatThrownBy(
            () -> ApiDefinitions.stage(a, json("{\"stageName\":\"prod\"}", Stage.class), null))
        .hasMessage("Stage prod already exists");
    assertThatThrownBy(
            () -> ApiDefinitions.stage(a, json("{\"stageName\":\"a b\"}", Stage.class), null))
        .hasMessage("Stage name only allows a-zA-Z0-9_- or $default, got a b");
    assertThatThrownBy(
            () ->
                ApiDefinitions.stage(
                    a,
                    json("{\"defaultRouteSettings\":{\"throttlingBurstLimit\":-1}}", Stage.class),
                    prod))
        .hasMessage("ThrottlingBurstLimit must be non-negative");
    assertThatThrownBy(
            () ->
                ApiDefinitions.stage(
                    a,
                    json("{\"accessLogSettings\":{\"destinationArn\":\"nope\"}}", Stage.class),
                    prod))
        .hasMessageStartingWith("Invalid destination ARN nope");
    Stage updated =
        ApiDefinitions.stage(a, json("{\"stageVariables\":{\"k\":\"v\"}}", Stage.class), prod);
    assertThat(updated.stageName()).isEqualTo("prod");
    assertThat(updated.stageVariables()).isEqualTo(Map.of("k", "v"));
    assertThat(updated.createdDate()).isEqualTo(prod.createdDate());
  }

  @Test
  void authorizersAreLambdaRequestAuthorizersWithPayloadTwo() {
    ApiAuthorizer ok =
        ApiDefinitions.authorizer(
            new ApiAuthorizer(
                null,
                "2.0",
                60,
                "REQUEST",
                FN,
                true,
                List.of("$request.header.Authorization"),
                "a"),
            null);
    assertThat(ok.authorizerId()).hasSize(6);
    assertThat(ok.compile().id()).isEqualTo(ok.authorizerId());
    assertThatThrownBy(
            () ->
                ApiDefinitions.authorizer(
                    new ApiAuthorizer(null, "2.0", null, "JWT", FN, null, null, "a"), null))
        .hasMessage("Outlet supports only REQUEST (Lambda) authorizers, got JWT");
    assertThatThrownBy(
            () ->
                ApiDefinitions.authorizer(
                    new ApiAuthorizer(null, "2.0", 60, null, null, null, List.of(), null), ok))
        .hasMessage("Identity sources are required when authorizer caching is enabled");
    assertThatThrownBy(
            () ->
                ApiDefinitions.authorizer(
                    new ApiAuthorizer(null, null, null, null, null, null, List.of("x"), null), ok))
        .hasMessage("Invalid identity source x");
  }

  @Test
  void anApiNeedsHttpAndANameAndItsUpdateKeepsWhatItDoesNotGive() throws Exception {
    assertThatThrownBy(
            () ->
                ApiDefinitions.api(
                    json("{\"name\":\"a\",\"protocolType\":\"WEBSOCKET\"}", HttpApi.Create.class)))
        .hasMessage("Outlet supports only HTTP APIs: ProtocolType must be HTTP, got WEBSOCKET");
    assertThatThrownBy(
            () -> ApiDefinitions.api(json("{\"protocolType\":\"HTTP\"}", HttpApi.Create.class)))
        .hasMessage("Name must be between 1 and 128 characters");
    HttpApi api =
        ApiDefinitions.api(
            json(
                "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"description\":\"d\"}",
                HttpApi.Create.class));
    assertThat(api.disableExecuteApiEndpoint()).isFalse();
    HttpApi renamed = ApiDefinitions.api(api, json("{\"name\":\"b\"}", HttpApi.class));
    assertThat(renamed.name()).isEqualTo("b");
    assertThat(renamed.description()).isEqualTo("d");
    assertThat(renamed.apiId()).isEqualTo(api.apiId());
    assertThatThrownBy(
            () ->
                ApiDefinitions.api(
                    api, json("{\"corsConfiguration\":{\"maxAge\":90000}}", HttpApi.class)))
        .hasMessage("MaxAge must be between -1 and 86400");
  }

  @Test
  void responsesOmitAbsentMembersAndCarryTheEndpoint() throws Exception {
    HttpApi api =
        ApiDefinitions.api(
            json("{\"name\":\"a\",\"protocolType\":\"HTTP\"}", HttpApi.Create.class));
    String stored = ApisModel.write(api);
    assertThat(stored)
        .doesNotContain("apiEndpoint")
        .doesNotContain("description")
        .doesNotContain("null");
    assertThat(
            ApisModel.MAPPER
                .readTree(ApisModel.write(api.withEndpoint("http://e")))
                .get("apiEndpoint")
                .asText())
        .isEqualTo("http://e");
  }
}
