package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.assertError;
import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * The AWS SDK for Java v2's ApiGatewayV2Client against Outlet: CRUD of APIs, integrations, routes
 * and stages, the errors it raises, and definitions surviving a restart.
 */
class HttpApiSdkTest {
  @TempDir Path root;

  static ApiGatewayV2Client client(String endpoint) {
    return ApiGatewayV2Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static HttpResponse<String> get(TestServer s, String path) throws Exception {
    return s.http()
        .send(
            HttpRequest.newBuilder(URI.create(s.endpoint() + path))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSdkManagesApisIntegrationsRoutesAndStages() throws Exception {
    try (TestServer s = TestServer.start(root.resolve("data"));
        ApiGatewayV2Client gw = client(s.endpoint())) {
      s.create("echo", TestZips.bootstrap(Runtimes.echo()));
      CreateApiResponse api =
          gw.createApi(
              b -> b.name("sdk").protocolType(ProtocolType.HTTP).description("made by sdk"));
      String id = api.apiId();
      assertThat(api.createdDate()).isNotNull();
      assertThat(api.apiEndpoint())
          .endsWith(".execute-api.localhost:" + URI.create(s.endpoint()).getPort());
      String integration =
          gw.createIntegration(
                  b ->
                      b.apiId(id)
                          .integrationType("AWS_PROXY")
                          .integrationUri(TestServer.functionArn("echo"))
                          .payloadFormatVersion("2.0"))
              .integrationId();
      var route =
          gw.createRoute(
              b -> b.apiId(id).routeKey("GET /hello/{name}").target("integrations/" + integration));
      gw.createStage(b -> b.apiId(id).stageName("$default").autoDeploy(true));

      assertThat(gw.getApi(b -> b.apiId(id)).description()).isEqualTo("made by sdk");
      assertThat(gw.getRoutes(b -> b.apiId(id)).items())
          .extracting(Route::routeKey)
          .containsExactly("GET /hello/{name}");
      HttpResponse<String> r = get(s, "/_outlet/apis/" + id + "/hello/world");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"pathParameters\":{\"name\":\"world\"}");

      // (UpdateRoute is PATCH, which the SDK's URL-connection client cannot send: the CLI test
      // covers updates.)
      ConflictException busy =
          thrownBy(
              ConflictException.class,
              () -> gw.deleteIntegration(b -> b.apiId(id).integrationId(integration)));
      assertThat(busy.statusCode()).isEqualTo(409);
      gw.deleteRoute(b -> b.apiId(id).routeId(route.routeId()));
      assertThat(gw.getRoutes(b -> b.apiId(id)).items()).isEmpty();
      gw.deleteIntegration(b -> b.apiId(id).integrationId(integration));

      ConflictException stageAgain =
          thrownBy(
              ConflictException.class,
              () -> gw.createStage(b -> b.apiId(id).stageName("$default")));
      assertThat(stageAgain.awsErrorDetails().errorCode()).isEqualTo("ConflictException");

      NotFoundException missing =
          thrownBy(NotFoundException.class, () -> gw.getApi(b -> b.apiId("nosuchapi1")));
      assertError(
          missing,
          404,
          "NotFoundException",
          "Invalid API identifier specified 000000000000:nosuchapi1");
      thrownBy(NotFoundException.class, () -> gw.getRoute(b -> b.apiId(id).routeId("nosuch")));
      BadRequestException websocket =
          thrownBy(
              BadRequestException.class,
              () -> gw.createApi(b -> b.name("ws").protocolType(ProtocolType.WEBSOCKET)));
      assertThat(websocket.statusCode()).isEqualTo(400);

      gw.deleteApi(b -> b.apiId(id));
      thrownBy(NotFoundException.class, () -> gw.getApi(b -> b.apiId(id)));
    }
  }

  @Test
  void apisAndFunctionUrlsSurviveARestart() throws Exception {
    Path data = root.resolve("durable");
    String apiId;
    String urlId;
    try (TestServer s = TestServer.start(data);
        ApiGatewayV2Client gw = client(s.endpoint())) {
      s.create("echo", TestZips.bootstrap(Runtimes.echo()));
      apiId =
          gw.createApi(
                  b ->
                      b.name("durable")
                          .protocolType(ProtocolType.HTTP)
                          .target(TestServer.functionArn("echo")))
              .apiId();
      String url =
          s.lambda()
              .createFunctionUrlConfig(
                  b -> b.functionName("echo").authType(FunctionUrlAuthType.NONE))
              .functionUrl();
      urlId = URI.create(url).getHost().split("\\.")[0];
    }
    try (TestServer s = TestServer.start(data);
        ApiGatewayV2Client gw = client(s.endpoint())) {
      assertThat(gw.getApi(b -> b.apiId(apiId)).name()).isEqualTo("durable");
      assertThat(gw.getStages(b -> b.apiId(apiId)).items()).hasSize(1);
      assertThat(get(s, "/_outlet/apis/" + apiId + "/after/restart").statusCode()).isEqualTo(200);
      assertThat(s.lambda().getFunctionUrlConfig(b -> b.functionName("echo")).functionUrl())
          .contains(urlId);
      assertThat(get(s, "/_outlet/urls/" + urlId + "/").statusCode()).isEqualTo(200);
    }
  }
}
