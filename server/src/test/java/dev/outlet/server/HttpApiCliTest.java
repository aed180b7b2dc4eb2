package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.FrontRuntimes;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP APIs built with the Debian AWS CLI's {@code aws apigatewayv2} commands, called with curl (by
 * host name) and Java's HttpClient (by the path form): quick create, routing priority, path
 * parameters, payload formats 1.0 and 2.0, named stages, failure mapping, throttling, Lambda
 * authorizers, CORS and the access log.
 */
class HttpApiCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static int port;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    Curl.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("work"));
    port = URI.create(server.endpoint()).getPort();
    server.create("echo", TestZips.bootstrap(Runtimes.echo()));
    server.create("wrapped", TestZips.bootstrap(FrontRuntimes.wrapped()));
    server.create(
        "fails", TestZips.bootstrap(Runtimes.error("{\"errorMessage\":\"boom\"}", "Oops")));
    server.create(
        "malformed", TestZips.bootstrap(FrontRuntimes.fixed()), Map.of("RESPONSE", "not json"));
    server.create(
        "slow",
        TestZips.bootstrap(FrontRuntimes.fixed()),
        b ->
            b.timeout(20)
                .environment(
                    e -> e.variables(Map.of("RESPONSE", "\"late\"", "SLEEP_SECONDS", "3"))));
    server.create(
        "short",
        TestZips.bootstrap(FrontRuntimes.fixed()),
        b ->
            b.timeout(1)
                .environment(
                    e -> e.variables(Map.of("RESPONSE", "\"late\"", "SLEEP_SECONDS", "3"))));
    server.create(
        "bad-header",
        TestZips.bootstrap(FrontRuntimes.fixed()),
        Map.of(
            "RESPONSE", "{\"statusCode\":200,\"headers\":{\"X-Bad\":\"a\\nb\"},\"body\":\"x\"}"));
    server.create("simple-auth", TestZips.bootstrap(FrontRuntimes.simpleAuthorizer()));
    server.create("policy-auth", TestZips.bootstrap(FrontRuntimes.policyAuthorizer()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String host(String apiId) {
    return "http://" + apiId + ".execute-api.localhost:" + port;
  }

  private static String newApi(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("apigatewayv2", "create-api", "--name", "t", "--protocol-type", "HTTP"));
    args.addAll(List.of(more));
    return aws.run(args.toArray(String[]::new)).ok().get("ApiId").asText();
  }

  private static String integration(String apiId, String function, String version, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "apigatewayv2",
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "AWS_PROXY",
                "--integration-uri",
                ARN + function,
                "--payload-format-version",
                version));
    args.addAll(List.of(more));
    return aws.run(args.toArray(String[]::new)).ok().get("IntegrationId").asText();
  }

  private static JsonNode route(String apiId, String key, String integrationId, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "apigatewayv2",
                "create-route",
                "--api-id",
                apiId,
                "--route-key",
                key,
                "--target",
                "integrations/" + integrationId));
    args.addAll(List.of(more));
    return aws.run(args.toArray(String[]::new)).ok();
  }

  private static void defaultStage(String apiId, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "apigatewayv2",
                "create-stage",
                "--api-id",
                apiId,
                "--stage-name",
                "$default",
                "--auto-deploy"));
    args.addAll(List.of(more));
    aws.run(args.toArray(String[]::new)).ok();
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  @Test
  void quickCreateServesEveryPathThroughTheDefaultRouteAndStage() {
    JsonNode api =
        aws.run(
                "apigatewayv2",
                "create-api",
                "--name",
                "quick",
                "--protocol-type",
                "HTTP",
                "--target",
                ARN + "echo")
            .ok();
    String id = api.get("ApiId").asText();
    assertThat(id).matches("[a-z0-9]{10}");
    assertThat(api.get("ApiEndpoint").asText()).isEqualTo(host(id));
    assertThat(api.get("ProtocolType").asText()).isEqualTo("HTTP");
    assertThat(api.get("RouteSelectionExpression").asText())
        .isEqualTo("$request.method $request.path");

    JsonNode routes = aws.run("apigatewayv2", "get-routes", "--api-id", id).ok().get("Items");
    assertThat(routes).hasSize(1);
    assertThat(routes.get(0).get("RouteKey").asText()).isEqualTo("$default");
    JsonNode stages = aws.run("apigatewayv2", "get-stages", "--api-id", id).ok().get("Items");
    assertThat(stages.get(0).get("StageName").asText()).isEqualTo("$default");
    assertThat(stages.get(0).get("AutoDeploy").asBoolean()).isTrue();
    JsonNode integrations =
        aws.run("apigatewayv2", "get-integrations", "--api-id", id).ok().get("Items");
    assertThat(integrations.get(0).get("PayloadFormatVersion").asText()).isEqualTo("2.0");
    assertThat(integrations.get(0).get("IntegrationUri").asText()).isEqualTo(ARN + "echo");
    assertThat(aws.run("apigatewayv2", "get-apis").ok().findValuesAsText("ApiId")).contains(id);

    Curl.Reply r = Curl.run(host(id) + "/any/path?x=1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("apigw-requestid")).isNotBlank();
    JsonNode e = json(r.body());
    assertThat(e.get("routeKey").asText()).isEqualTo("$default");
    assertThat(e.get("rawPath").asText()).isEqualTo("/any/path");
    JsonNode c = e.get("requestContext");
    assertThat(c.get("apiId").asText()).isEqualTo(id);
    assertThat(c.get("domainName").asText()).isEqualTo(id + ".execute-api.localhost");
    assertThat(c.get("requestId").asText()).isEqualTo(r.header("apigw-requestid"));
    assertThat(c.get("routeKey").asText()).isEqualTo("$default");
    assertThat(c.get("stage").asText()).isEqualTo("$default");
    assertThat(c.get("http").get("method").asText()).isEqualTo("GET");
    assertThat(c.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");

    assertThat(aws.run("apigatewayv2", "delete-api", "--api-id", id).exit()).isZero();
    assertThat(Curl.run(host(id) + "/any/path").status()).isEqualTo(404);
    AwsCli.Run gone = aws.run("apigatewayv2", "get-api", "--api-id", id);
    assertThat(gone.err())
        .contains("NotFoundException")
        .contains("Invalid API identifier specified 000000000000:" + id);
  }

  @Test
  void theMostSpecificRouteWinsAndPathParametersArePassed() {
    String id = newApi();
    String echo = integration(id, "echo", "2.0");
    route(id, "ANY /{proxy+}", echo);
    route(id, "GET /items/{id}", echo);
    route(id, "GET /items/special", echo);
    route(id, "$default", echo);
    defaultStage(id);

    JsonNode special = json(Curl.run(host(id) + "/items/special").body());
    assertThat(special.get("routeKey").asText()).isEqualTo("GET /items/special");
    assertThat(special.has("pathParameters")).isFalse();

    JsonNode item = json(Curl.run(host(id) + "/items/42").body());
    assertThat(item.get("routeKey").asText()).isEqualTo("GET /items/{id}");
    assertThat(item.get("requestContext").get("routeKey").asText()).isEqualTo("GET /items/{id}");
    assertThat(item.get("pathParameters").toString()).isEqualTo("{\"id\":\"42\"}");

    JsonNode deep = json(Curl.run("-X", "DELETE", host(id) + "/items/42/parts/7").body());
    assertThat(deep.get("routeKey").asText()).isEqualTo("ANY /{proxy+}");
    assertThat(deep.get("pathParameters").get("proxy").asText()).isEqualTo("items/42/parts/7");

    JsonNode rootPath = json(Curl.run(host(id) + "/").body());
    assertThat(rootPath.get("routeKey").asText()).isEqualTo("$default");

    String routeId = route(id, "GET /old/{x}", echo).get("RouteId").asText();
    assertThat(json(Curl.run(host(id) + "/old/1").body()).get("routeKey").asText())
        .isEqualTo("GET /old/{x}");
    aws.run(
            "apigatewayv2",
            "update-route",
            "--api-id",
            id,
            "--route-id",
            routeId,
            "--route-key",
            "GET /new/{x}")
        .ok();
    assertThat(json(Curl.run(host(id) + "/new/1").body()).get("routeKey").asText())
        .isEqualTo("GET /new/{x}");
    assertThat(json(Curl.run(host(id) + "/old/1").body()).get("routeKey").asText())
        .isEqualTo("ANY /{proxy+}");
    aws.run("apigatewayv2", "delete-route", "--api-id", id, "--route-id", routeId).ok();
    assertThat(json(Curl.run(host(id) + "/new/1").body()).get("routeKey").asText())
        .isEqualTo("ANY /{proxy+}");

    AwsCli.Run dup =
        aws.run("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /items/{id}");
    assertThat(dup.err()).contains("ConflictException");
    AwsCli.Run bad =
        aws.run("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /{a+}/b");
    assertThat(bad.err()).contains("BadRequestException");
  }

  @Test
  void payloadFormat10EventsAndNamedStagesAsPathPrefixes() throws Exception {
    String id = newApi();
    String v1 = integration(id, "wrapped", "1.0");
    route(id, "GET /v1/{id}", v1);
    aws.run(
            "apigatewayv2",
            "create-stage",
            "--api-id",
            id,
            "--stage-name",
            "prod",
            "--stage-variables",
            "color=blue")
        .ok();

    HttpResponse<String> r =
        server
            .http()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            server.endpoint() + "/_outlet/apis/" + id + "/prod/v1/9?q=a&q=b"))
                    .header("X-Multi", "one")
                    .header("X-Multi", "two")
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode e = json(r.body());
    assertThat(e.get("version").asText()).isEqualTo("1.0");
    assertThat(e.get("resource").asText()).isEqualTo("/v1/{id}");
    assertThat(e.get("path").asText()).isEqualTo("/prod/v1/9");
    assertThat(e.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(e.get("queryStringParameters").get("q").asText()).isEqualTo("b");
    assertThat(e.get("multiValueQueryStringParameters").get("q").toString())
        .isEqualTo("[\"a\",\"b\"]");
    assertThat(e.get("multiValueHeaders").get("X-Multi").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("9");
    assertThat(e.get("stageVariables").get("color").asText()).isEqualTo("blue");
    assertThat(e.get("body").isNull()).isTrue();
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode c = e.get("requestContext");
    assertThat(c.get("stage").asText()).isEqualTo("prod");
    assertThat(c.get("resourcePath").asText()).isEqualTo("/v1/{id}");
    assertThat(c.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(c.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(c.get("requestTimeEpoch").asLong()).isPositive();

    JsonNode deployment =
        aws.run("apigatewayv2", "create-deployment", "--api-id", id, "--stage-name", "prod").ok();
    assertThat(deployment.get("DeploymentStatus").asText()).isEqualTo("DEPLOYED");
    String deploymentId = deployment.get("DeploymentId").asText();
    assertThat(
            aws.run("apigatewayv2", "get-stage", "--api-id", id, "--stage-name", "prod")
                .ok()
                .get("DeploymentId")
                .asText())
        .isEqualTo(deploymentId);
    assertThat(
            aws.run("apigatewayv2", "get-deployments", "--api-id", id)
                .ok()
                .findValuesAsText("DeploymentId"))
        .containsExactly(deploymentId);
    assertThat(
            aws.run("apigatewayv2", "create-deployment", "--api-id", id, "--stage-name", "nope")
                .err())
        .contains("NotFoundException");

    // no $default stage: only the named stage answers
    assertThat(Curl.run(host(id) + "/v1/9").status()).isEqualTo(404);
    assertThat(Curl.run(host(id) + "/prod/v1/9").status()).isEqualTo(200);
  }

  @Test
  void binaryBodiesAndCookiesReachTheFunction() {
    String id = newApi("--target", ARN + "echo");
    Curl.Reply r =
        Curl.run(
            host(id) + "/upload",
            "-H",
            "Content-Type: image/png",
            "-H",
            "Cookie: session=abc; theme=dark",
            "--data-binary",
            "@" + writeBinary());
    JsonNode e = json(r.body());
    assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(java.util.Base64.getDecoder().decode(e.get("body").asText()))
        .containsExactly(0x89, 'P', 'N', 'G', 0, 0xff);
    assertThat(e.get("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\"]");
  }

  private static String writeBinary() {
    try {
      Path f = root.resolve("binary.bin");
      java.nio.file.Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
      return f.toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void failuresAreMappedAsApiGatewayDoes() throws Exception {
    String id = newApi();
    route(id, "GET /fails", integration(id, "fails", "2.0"));
    route(id, "GET /malformed", integration(id, "malformed", "2.0"));
    route(id, "GET /slow", integration(id, "slow", "2.0", "--timeout-in-millis", "1000"));
    route(id, "GET /short", integration(id, "short", "2.0"));
    route(id, "POST /echo", integration(id, "echo", "2.0"));
    route(id, "GET /bad-header", integration(id, "bad-header", "2.0"));
    defaultStage(id);

    Curl.Reply fails = Curl.run(host(id) + "/fails");
    assertThat(fails.status()).isEqualTo(500);
    assertThat(fails.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    Curl.Reply malformed = Curl.run(host(id) + "/malformed");
    assertThat(malformed.status()).isEqualTo(500);
    assertThat(malformed.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    Curl.Reply slow = Curl.run(host(id) + "/slow");
    assertThat(slow.status()).isEqualTo(503);
    assertThat(slow.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    Curl.Reply shortTimeout = Curl.run(host(id) + "/short");
    assertThat(shortTimeout.status()).isEqualTo(500);
    assertThat(shortTimeout.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    Curl.Reply badHeader = Curl.run(host(id) + "/bad-header");
    assertThat(badHeader.status()).isEqualTo(500);
    assertThat(badHeader.header("X-Bad")).isNull();
    assertThat(badHeader.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    Curl.Reply none = Curl.run(host(id) + "/nothing/here");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.body()).isEqualTo("{\"message\":\"Not Found\"}");

    byte[] big = new byte[10 * 1024 * 1024 + 1];
    HttpResponse<String> tooLarge =
        server
            .http()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.endpoint() + "/_outlet/apis/" + id + "/echo"))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");

    assertThat(Curl.run("http://zzzzzzzzzz.execute-api.localhost:" + port + "/").status())
        .isEqualTo(404);
  }

  @Test
  void aBurstBeyondTheStageBucketGets429sAndTheRestSucceed() {
    String id = newApi("--target", ARN + "echo");
    aws.run(
            "apigatewayv2",
            "update-stage",
            "--api-id",
            id,
            "--stage-name",
            "$default",
            "--default-route-settings",
            "ThrottlingBurstLimit=5,ThrottlingRateLimit=0.01")
        .ok();
    List<Integer> statuses = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Curl.Reply r = Curl.run(host(id) + "/n" + i);
      statuses.add(r.status());
      if (r.status() == 429) {
        bodies.add(r.body());
      }
    }
    assertThat(statuses).containsOnly(200, 429);
    assertThat(statuses.subList(0, 5)).containsOnly(200);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5);
    assertThat(bodies).isNotEmpty().containsOnly("{\"message\":\"Too Many Requests\"}");
    JsonNode stage =
        aws.run("apigatewayv2", "get-stage", "--api-id", id, "--stage-name", "$default").ok();
    assertThat(stage.get("DefaultRouteSettings").get("ThrottlingBurstLimit").asInt()).isEqualTo(5);
  }

  @Test
  void aSimpleLambdaAuthorizerAllowsDeniesCachesAndNeedsItsIdentity() {
    String id = newApi();
    String authorizer =
        aws.run(
                "apigatewayv2",
                "create-authorizer",
                "--api-id",
                id,
                "--name",
                "simple",
                "--authorizer-type",
                "REQUEST",
                "--identity-source",
                "$request.header.Authorization",
                "--authorizer-uri",
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + ARN
                    + "simple-auth/invocations",
                "--authorizer-payload-format-version",
                "2.0",
                "--enable-simple-responses",
                "--authorizer-result-ttl-in-seconds",
                "300")
            .ok()
            .get("AuthorizerId")
            .asText();
    route(
        id,
        "GET /private",
        integration(id, "echo", "2.0"),
        "--authorization-type",
        "CUSTOM",
        "--authorizer-id",
        authorizer);
    defaultStage(id);

    Curl.Reply missing = Curl.run(host(id) + "/private");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

    Curl.Reply allowed = Curl.run(host(id) + "/private", "-H", "Authorization: allow-me");
    assertThat(allowed.status()).isEqualTo(200);
    JsonNode lambda = json(allowed.body()).get("requestContext").get("authorizer").get("lambda");
    assertThat(lambda.get("user").asText()).isEqualTo("alice");
    int calls = lambda.get("calls").asInt();

    Curl.Reply cached = Curl.run(host(id) + "/private", "-H", "Authorization: allow-me");
    assertThat(
            json(cached.body())
                .get("requestContext")
                .get("authorizer")
                .get("lambda")
                .get("calls")
                .asInt())
        .as("a cached answer carries the first call's context")
        .isEqualTo(calls);

    Curl.Reply denied = Curl.run(host(id) + "/private", "-H", "Authorization: nope");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    Curl.Reply deniedAgain = Curl.run(host(id) + "/private", "-H", "Authorization: nope");
    assertThat(deniedAgain.status()).isEqualTo(403);

    Curl.Reply other = Curl.run(host(id) + "/private", "-H", "Authorization: allow-me-too");
    assertThat(
            json(other.body())
                .get("requestContext")
                .get("authorizer")
                .get("lambda")
                .get("calls")
                .asInt())
        .as("another identity is not served from the cache")
        .isGreaterThan(calls);
  }

  @Test
  void anIamPolicyAuthorizerAllowsOrDeniesTheRoute() {
    String id = newApi();
    String authorizer =
        aws.run(
                "apigatewayv2",
                "create-authorizer",
                "--api-id",
                id,
                "--name",
                "policy",
                "--authorizer-type",
                "REQUEST",
                "--identity-source",
                "$request.querystring.token",
                "--authorizer-uri",
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + ARN
                    + "policy-auth/invocations",
                "--authorizer-payload-format-version",
                "2.0")
            .ok()
            .get("AuthorizerId")
            .asText();
    route(
        id,
        "GET /policy",
        integration(id, "echo", "2.0"),
        "--authorization-type",
        "CUSTOM",
        "--authorizer-id",
        authorizer);
    defaultStage(id);

    Curl.Reply allowed = Curl.run(host(id) + "/policy?token=allow-me");
    assertThat(allowed.status()).isEqualTo(200);
    JsonNode lambda = json(allowed.body()).get("requestContext").get("authorizer").get("lambda");
    assertThat(lambda.get("tier").asText()).isEqualTo("gold");
    assertThat(lambda.get("principalId").asText()).isEqualTo("user-1");
    assertThat(Curl.run(host(id) + "/policy?token=other").status()).isEqualTo(403);
    assertThat(Curl.run(host(id) + "/policy").status()).isEqualTo(401);
  }

  @Test
  void anIamRouteNeedsASignedRequestAndAThrottledFunctionIs429() throws IOException {
    server.create("reserved-zero", TestZips.bootstrap(Runtimes.echo()));
    server
        .lambda()
        .putFunctionConcurrency(
            b -> b.functionName("reserved-zero").reservedConcurrentExecutions(0));
    String id = newApi();
    route(id, "GET /iam", integration(id, "echo", "2.0"), "--authorization-type", "AWS_IAM");
    route(id, "GET /zero", integration(id, "reserved-zero", "2.0"));
    defaultStage(id);

    Curl.Reply unsigned = Curl.run(host(id) + "/iam");
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    Curl.Reply signed =
        Curl.run(
            host(id) + "/iam",
            "--aws-sigv4",
            "aws:amz:us-east-1:execute-api",
            "--user",
            "AKIDIAM:secret");
    assertThat(signed.status()).isEqualTo(200);
    assertThat(
            json(signed.body())
                .get("requestContext")
                .get("authorizer")
                .get("iam")
                .get("accessKey")
                .asText())
        .isEqualTo("AKIDIAM");

    server.create("ephemeral", TestZips.bootstrap(Runtimes.echo()));
    route(id, "GET /ephemeral", integration(id, "ephemeral", "2.0"));
    assertThat(Curl.run(host(id) + "/ephemeral").status()).isEqualTo(200);
    server.lambda().deleteFunction(b -> b.functionName("ephemeral"));
    Curl.Reply deleted = Curl.run(host(id) + "/ephemeral");
    assertThat(deleted.status()).isEqualTo(500);
    assertThat(deleted.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

    Curl.Reply throttled = Curl.run(host(id) + "/zero");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
  }

  @Test
  void corsPreflightIsAnsweredFromTheApiConfiguration() {
    String id =
        newApi(
            "--target",
            ARN + "echo",
            "--cors-configuration",
            "AllowOrigins=https://app.example,AllowMethods=GET,PUT,ExposeHeaders=x-id");
    Curl.Reply pre =
        Curl.run(
            "-X",
            "OPTIONS",
            host(id) + "/things",
            "-H",
            "Origin: https://app.example",
            "-H",
            "Access-Control-Request-Method: PUT");
    assertThat(pre.status()).isEqualTo(204);
    assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(pre.header("Access-Control-Allow-Methods")).isEqualTo("GET,PUT");
    Curl.Reply actual = Curl.run(host(id) + "/things", "-H", "Origin: https://app.example");
    assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(actual.header("Access-Control-Expose-Headers")).isEqualTo("x-id");
  }

  @Test
  void everyRequestIsInTheStageAccessLogThatAwsLogsTailShows() {
    String id = newApi("--target", ARN + "echo");
    Curl.Reply r = Curl.run(host(id) + "/logged");
    String requestId = r.header("apigw-requestid");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              AwsCli.Run tail = aws.run("logs", "tail", "/aws/apigateway/" + id);
              assertThat(tail.exit()).as(tail.err()).isZero();
              assertThat(tail.out())
                  .contains("\"requestId\":\"" + requestId + "\"")
                  .contains("\"httpMethod\":\"GET\"")
                  .contains("\"routeKey\":\"$default\"")
                  .contains("\"status\":\"200\"")
                  .contains("\"integrationLatency\":\"");
            });

    aws.run(
            "apigatewayv2",
            "update-stage",
            "--api-id",
            id,
            "--stage-name",
            "$default",
            "--access-log-settings",
            "DestinationArn=arn:aws:logs:us-east-1:000000000000:log-group:my-access-log,"
                + "Format=$context.requestId $context.httpMethod $context.status")
        .ok();
    String second = Curl.run(host(id) + "/formatted").header("apigw-requestid");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(aws.run("logs", "tail", "my-access-log").out())
                    .contains(second + " GET 200"));
  }
}
