package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function URLs managed with the Debian AWS CLI ({@code aws lambda *-function-url-config}) and
 * called with curl (by host name) and Java's HttpClient (by the path form).
 */
class FunctionUrlCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    server.create(
        "described",
        TestZips.bootstrap(FrontRuntimes.fixed()),
        Map.of(
            "RESPONSE",
            "{\"statusCode\":201,\"headers\":{\"X-Made\":\"yes\"},\"cookies\":[\"a=1\",\"b=2;"
                + " Path=/\"],\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}"));
    server.create(
        "plain", TestZips.bootstrap(FrontRuntimes.fixed()), Map.of("RESPONSE", "\"hello\""));
    server.create(
        "fails", TestZips.bootstrap(Runtimes.error("{\"errorMessage\":\"boom\"}", "Handled")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String createUrl(String function, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "lambda";
    args[1] = "create-function-url-config";
    args[2] = "--function-name";
    args[3] = function;
    System.arraycopy(more, 0, args, 4, more.length);
    String[] withAuth = more.length == 0 ? append(args, "--auth-type", "NONE") : args;
    return aws.run(withAuth).ok().get("FunctionUrl").asText();
  }

  private static String[] append(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String urlId(String url) {
    return URI.create(url).getHost().split("\\.")[0];
  }

  @Test
  void theCliCreatesGetsUpdatesListsAndDeletesAUrlConfig() {
    server.create("managed", TestZips.bootstrap(Runtimes.echo()));
    JsonNode created =
        aws.run(
                "lambda",
                "create-function-url-config",
                "--function-name",
                "managed",
                "--auth-type",
                "NONE")
            .ok();
    String url = created.get("FunctionUrl").asText();
    assertThat(url)
        .matches("http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:" + port + "/");
    assertThat(created.get("FunctionArn").asText()).isEqualTo(TestServer.functionArn("managed"));
    assertThat(created.get("AuthType").asText()).isEqualTo("NONE");
    assertThat(created.get("CreationTime").asText()).isNotBlank();

    AwsCli.Run again =
        aws.run(
            "lambda",
            "create-function-url-config",
            "--function-name",
            "managed",
            "--auth-type",
            "NONE");
    assertThat(again.exit()).isNotZero();
    assertThat(again.err())
        .contains("ResourceConflictException")
        .contains("FunctionUrlConfig exists");

    JsonNode updated =
        aws.run(
                "lambda",
                "update-function-url-config",
                "--function-name",
                "managed",
                "--auth-type",
                "AWS_IAM",
                "--cors",
                "AllowOrigins=https://a.example,MaxAge=60")
            .ok();
    assertThat(updated.get("AuthType").asText()).isEqualTo("AWS_IAM");
    assertThat(updated.get("Cors").get("MaxAge").asInt()).isEqualTo(60);
    assertThat(updated.get("FunctionUrl").asText()).isEqualTo(url);

    JsonNode got = aws.run("lambda", "get-function-url-config", "--function-name", "managed").ok();
    assertThat(got.get("AuthType").asText()).isEqualTo("AWS_IAM");
    assertThat(got.get("LastModifiedTime").asText()).isNotBlank();
    JsonNode list =
        aws.run("lambda", "list-function-url-configs", "--function-name", "managed").ok();
    assertThat(list.get("FunctionUrlConfigs")).hasSize(1);
    assertThat(list.get("FunctionUrlConfigs").get(0).get("FunctionUrl").asText()).isEqualTo(url);

    assertThat(aws.run("lambda", "delete-function-url-config", "--function-name", "managed").exit())
        .isZero();
    AwsCli.Run gone = aws.run("lambda", "get-function-url-config", "--function-name", "managed");
    assertThat(gone.err())
        .contains("ResourceNotFoundException")
        .contains("The resource you requested does not exist.");
    assertThat(
            aws.run("lambda", "list-function-url-configs", "--function-name", "managed")
                .ok()
                .get("FunctionUrlConfigs"))
        .isEmpty();
  }

  @Test
  void aUrlForAMissingFunctionIsResourceNotFound() {
    AwsCli.Run r =
        aws.run(
            "lambda",
            "create-function-url-config",
            "--function-name",
            "nobody",
            "--auth-type",
            "NONE");
    assertThat(r.err())
        .contains("ResourceNotFoundException")
        .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody");
  }

  @Test
  void theEventByHostNameHasTheFormat20Fields() throws IOException {
    String url = createUrlOnce("echo");
    Curl.Reply r =
        Curl.run(
            url + "some/path?a=1&a=2&b=x%20y",
            "-H",
            "Cookie: c1=v1; c2=v2",
            "-H",
            "Content-Type: application/json",
            "-H",
            "X-Multi: one",
            "-H",
            "X-Multi: two",
            "--data-binary",
            "{\"k\":1}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.get("version").asText()).isEqualTo("2.0");
    assertThat(e.get("routeKey").asText()).isEqualTo("$default");
    assertThat(e.get("rawPath").asText()).isEqualTo("/some/path");
    assertThat(e.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
    assertThat(e.get("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
    assertThat(e.get("headers").get("x-multi").asText()).isEqualTo("one,two");
    assertThat(e.get("headers").get("x-forwarded-proto").asText()).isEqualTo("http");
    assertThat(e.get("headers").has("cookie")).isFalse();
    assertThat(e.get("queryStringParameters").toString())
        .isEqualTo("{\"a\":\"1,2\",\"b\":\"x y\"}");
    assertThat(e.has("pathParameters")).isFalse();
    JsonNode c = e.get("requestContext");
    assertThat(c.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(c.get("apiId").asText()).isEqualTo(urlId(url));
    assertThat(c.get("domainPrefix").asText()).isEqualTo(urlId(url));
    assertThat(c.get("domainName").asText())
        .isEqualTo(urlId(url) + ".lambda-url.us-east-1.localhost");
    assertThat(c.get("requestId").asText()).isEqualTo(r.header("x-amzn-RequestId"));
    assertThat(c.get("stage").asText()).isEqualTo("$default");
    assertThat(c.get("time").asText())
        .matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
    assertThat(c.get("timeEpoch").asLong()).isPositive();
    assertThat(c.get("http").get("method").asText()).isEqualTo("POST");
    assertThat(c.get("http").get("path").asText()).isEqualTo("/some/path");
    assertThat(c.get("http").get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(c.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(c.get("http").get("userAgent").asText()).startsWith("curl/");
    assertThat(c.has("authorizer")).isFalse();
    assertThat(e.get("body").asText()).isEqualTo("{\"k\":1}");
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void aBinaryBodyByThePathFormArrivesBase64Encoded() throws Exception {
    String id = urlId(createUrlOnce("echo"));
    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
    HttpResponse<String> r =
        server
            .http()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.endpoint() + "/_outlet/urls/" + id + "/bin"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.get("rawPath").asText()).isEqualTo("/bin");
    assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(bytes);
  }

  @Test
  void aResponseDescriptionSetsStatusHeadersCookiesAndABinaryBody() throws Exception {
    String id = urlId(createUrlOnce("described"));
    HttpResponse<byte[]> r =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/_outlet/urls/" + id + "/"))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("X-Made")).hasValue("yes");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2; Path=/");
    assertThat(r.body()).containsExactly(0, 1, 2, 0xff);
  }

  @Test
  void aJsonStringWithoutStatusCodeIsA200BodyWithoutQuotes() {
    Curl.Reply r = Curl.run(createUrlOnce("plain"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo("hello");
  }

  @Test
  void aFunctionErrorIs502AndAnUnknownUrlIs403() {
    Curl.Reply failed = Curl.run(createUrlOnce("fails"));
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.body()).isEqualTo("Internal Server Error");

    Curl.Reply unknown =
        Curl.run(
            "http://0123456789abcdef0123456789abcdef.lambda-url.us-east-1.localhost:" + port + "/");
    assertThat(unknown.status()).isEqualTo(403);
    assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
    assertThat(unknown.body()).isEqualTo("{\"Message\":null}");
  }

  @Test
  void aThrottledFunctionIs429() {
    server.create("zero", TestZips.bootstrap(Runtimes.echo()));
    server
        .lambda()
        .putFunctionConcurrency(b -> b.functionName("zero").reservedConcurrentExecutions(0));
    Curl.Reply r = Curl.run(createUrl("zero"));
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
  }

  @Test
  void anAwsIamUrlRefusesUnsignedRequestsAndPassesTheCallerOn() throws IOException {
    server.create("iam", TestZips.bootstrap(Runtimes.echo()));
    String url = createUrl("iam", "--auth-type", "AWS_IAM");
    Curl.Reply unsigned = Curl.run(url);
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");

    Curl.Reply signed =
        Curl.run(url, "--aws-sigv4", "aws:amz:us-east-1:lambda", "--user", "AKIDEXAMPLE:secret");
    assertThat(signed.status()).isEqualTo(200);
    JsonNode iam = JSON.readTree(signed.body()).get("requestContext").get("authorizer").get("iam");
    assertThat(iam.get("accessKey").asText()).isEqualTo("AKIDEXAMPLE");
    assertThat(iam.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
  }

  @Test
  void corsPreflightIsAnsweredByTheUrlAndResponsesCarryTheOrigin() {
    server.create("cors", TestZips.bootstrap(Runtimes.echo()));
    String url =
        createUrl(
            "cors",
            "--auth-type",
            "NONE",
            "--cors",
            "AllowOrigins=https://app.example,AllowMethods=GET,POST,AllowHeaders=content-type,MaxAge=600");
    Curl.Reply pre =
        Curl.run(
            "-X",
            "OPTIONS",
            url,
            "-H",
            "Origin: https://app.example",
            "-H",
            "Access-Control-Request-Method: POST",
            "-H",
            "Access-Control-Request-Headers: content-type");
    assertThat(pre.status()).isEqualTo(204);
    assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(pre.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
    assertThat(pre.header("Access-Control-Allow-Headers")).isEqualTo("content-type");
    assertThat(pre.header("Access-Control-Max-Age")).isEqualTo("600");

    Curl.Reply refused =
        Curl.run(
            "-X",
            "OPTIONS",
            url,
            "-H",
            "Origin: https://evil.example",
            "-H",
            "Access-Control-Request-Method: POST");
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

    Curl.Reply actual = Curl.run(url, "-H", "Origin: https://app.example");
    assertThat(actual.status()).isEqualTo(200);
    assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
  }

  @Test
  void deletingTheFunctionDeletesItsUrl() {
    server.create("doomed", TestZips.bootstrap(Runtimes.echo()));
    String url = createUrl("doomed");
    assertThat(Curl.run(url).status()).isEqualTo(200);
    server.lambda().deleteFunction(b -> b.functionName("doomed"));
    assertThat(Curl.run(url).status()).isEqualTo(403);
    server.create("doomed", TestZips.bootstrap(Runtimes.echo()));
    assertThat(aws.run("lambda", "get-function-url-config", "--function-name", "doomed").err())
        .contains("ResourceNotFoundException");
    assertThat(Curl.run(url).status()).isEqualTo(403);
  }

  private static final Map<String, String> URLS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String createUrlOnce(String function) {
    return URLS.computeIfAbsent(function, f -> createUrl(f));
  }
}
