package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.iam.AccessKey;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * {@code serve --auth iam}: every service's requests are verified (SigV4) against the data
 * directory's access keys, with AWS's errors as the AWS CLI and the SDK for Java read them; the
 * first start makes an administrator's key; {@code outlet credentials} makes and revokes keys while
 * the server runs.
 */
class SignedRequestsTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static AccessKey admin;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    admin = server.server().createdAdministrator().orElseThrow();
    aws = new AwsCli(server.endpoint(), root.resolve("cli"), admin.accessKeyId(), admin.secret());
    aws.run(
            "iam",
            "create-role",
            "--role-name",
            "hello-role",
            "--assume-role-policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
        .ok();
    new CliFunctions(aws, root.resolve("zips"), "arn:aws:iam::000000000000:role/hello-role")
        .create(
            "hello",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static AwsCli cli(String accessKeyId, String secret) {
    return new AwsCli(server.endpoint(), root.resolve("cli"), accessKeyId, secret);
  }

  @Test
  void theAdministratorsKeyIsInAwssFormatAndMadeOnlyOnce() throws Exception {
    assertThat(admin.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(admin.secret()).hasSize(40);
    server.close();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    assertThat(server.server().createdAdministrator()).isEmpty();
    aws = new AwsCli(server.endpoint(), root.resolve("cli"), admin.accessKeyId(), admin.secret());
    assertThat(aws.run("lambda", "get-function", "--function-name", "hello").ok()).isNotNull();
  }

  @Test
  void theCliSignsEveryServiceWithTheAdministratorsKey() {
    assertThat(aws.run("lambda", "list-functions").ok().get("Functions")).hasSize(1);
    AwsCli.Run invoked =
        aws.run(
            "lambda",
            "invoke",
            "--function-name",
            "hello",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"name\":\"Ada\"}",
            root.resolve("out.json").toString());
    assertThat(invoked.ok().get("StatusCode").asInt()).isEqualTo(200);
    assertThat(aws.run("logs", "describe-log-groups").ok().get("logGroups")).isNotNull();
    assertThat(aws.run("cloudwatch", "list-metrics", "--namespace", "AWS/Lambda").ok()).isNotNull();
    assertThat(aws.run("events", "list-rules").ok().get("Rules").isArray()).isTrue();
    assertThat(aws.run("apigatewayv2", "get-apis").ok().get("Items").isArray()).isTrue();
  }

  @Test
  void aWrongSecretIsRefusedInEachProtocolsWords() {
    AwsCli wrong = cli(admin.accessKeyId(), "x".repeat(40));
    AwsCli.Run lambda = wrong.run("lambda", "list-functions");
    assertThat(lambda.exit()).isNotZero();
    assertThat(lambda.err())
        .contains("(InvalidSignatureException)")
        .contains("The request signature we calculated does not match the signature you provided");
    assertThat(wrong.run("logs", "describe-log-groups").err())
        .contains("(InvalidSignatureException)");
    assertThat(wrong.run("cloudwatch", "list-metrics").err()).contains("(SignatureDoesNotMatch)");
    assertThat(
            wrong
                .run(
                    "lambda",
                    "invoke",
                    "--function-name",
                    "hello",
                    root.resolve("out.json").toString())
                .err())
        .contains("(InvalidSignatureException)");
  }

  @Test
  void anUnknownKeyIsAnInvalidSecurityToken() {
    AwsCli stranger = cli("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    assertThat(stranger.run("lambda", "get-function", "--function-name", "hello").err())
        .contains(
            "(UnrecognizedClientException) when calling the GetFunction operation: The security"
                + " token included in the request is invalid.");
    assertThat(stranger.run("cloudwatch", "list-metrics").err()).contains("(InvalidClientTokenId)");
  }

  @Test
  void anUnsignedCallerLearnsNothingNotEvenWhetherAFunctionExists() {
    for (String name : List.of("hello", "no-such-function")) {
      AwsCli.Run r =
          aws.run(
              "lambda",
              "invoke",
              "--no-sign-request",
              "--function-name",
              name,
              root.resolve("out.json").toString());
      assertThat(r.err())
          .contains("(MissingAuthenticationTokenException)")
          .contains("Missing Authentication Token");
    }
    assertThat(aws.run("lambda", "list-functions", "--no-sign-request").err())
        .contains("(MissingAuthenticationTokenException)");
  }

  @Test
  void theSdkForJavaSignsAndIsRefusedWithAWrongSecret() {
    try (LambdaClient good =
            TestServer.client(server.endpoint(), admin.accessKeyId(), admin.secret());
        LambdaClient bad =
            TestServer.client(server.endpoint(), admin.accessKeyId(), "y".repeat(40))) {
      assertThat(
              good.invoke(b -> b.functionName("hello").payload(SdkBytes.fromUtf8String("{}")))
                  .statusCode())
          .isEqualTo(200);
      assertThatThrownBy(() -> bad.listFunctions())
          .isInstanceOfSatisfying(
              LambdaException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
              });
    }
  }

  /** A request signed by the SDK's own SigV4 signer, as of {@code clock}. */
  private static HttpResponse<String> signedGet(String path, Clock clock, boolean presigned)
      throws Exception {
    return signedGet(URI.create(server.endpoint() + path), clock, presigned, admin.secret());
  }

  private static HttpResponse<String> signedGet(
      URI uri, Clock clock, boolean presigned, String secret) throws Exception {
    return signedGet(uri, clock, presigned, secret, "lambda");
  }

  private static HttpResponse<String> signedGet(
      URI uri, Clock clock, boolean presigned, String secret, String service) throws Exception {
    SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(AwsBasicCredentials.create(admin.accessKeyId(), secret))
                      .request(request)
                      .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                      .putProperty(HttpSigner.SIGNING_CLOCK, clock);
                  if (presigned) {
                    r.putProperty(
                            AwsV4HttpSigner.AUTH_LOCATION,
                            AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
                  }
                });
    HttpRequest.Builder b = HttpRequest.newBuilder(signed.request().getUri()).GET();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("host")) {
        for (String v : h.getValue()) {
          b.header(h.getKey(), v);
        }
      }
    }
    return server.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClockSkewedBeyondFifteenMinutesIsRefusedAsAnExpiredSignature() throws Exception {
    Clock now = Clock.systemUTC();
    assertThat(signedGet("/2015-03-31/functions/", now, false).statusCode()).isEqualTo(200);
    Clock behind = Clock.offset(now, Duration.ofMinutes(-20));
    HttpResponse<String> r = signedGet("/2015-03-31/functions/", behind, false);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    assertThat(r.body()).contains("Signature expired: ").contains(" - 15 min.)");
    Clock ahead = Clock.offset(now, Duration.ofMinutes(20));
    assertThat(signedGet("/2015-03-31/functions/", ahead, false).body())
        .contains("Signature not yet current");
  }

  @Test
  void aPresignedUrlWorksUntilItExpiresAndNotOnceTampered() throws Exception {
    Clock now = Clock.systemUTC();
    assertThat(signedGet("/2015-03-31/functions/hello", now, true).statusCode()).isEqualTo(200);
    Clock old = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    HttpResponse<String> expired = signedGet("/2015-03-31/functions/hello", old, true);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body()).contains("Signature expired");
  }

  @Test
  void aPresignedUrlFromBoto3Works() throws Exception {
    String script =
        "import boto3,sys\n"
            + "c=boto3.client('lambda',endpoint_url=sys.argv[1],region_name='us-east-1',"
            + "aws_access_key_id=sys.argv[2],aws_secret_access_key=sys.argv[3])\n"
            + "print(c.generate_presigned_url('get_function',Params={'FunctionName':'hello'},"
            + "ExpiresIn=300))\n";
    Process p =
        new ProcessBuilder(
                "python3", "-c", script, server.endpoint(), admin.accessKeyId(), admin.secret())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String url = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(url).contains("X-Amz-Signature=");
    HttpResponse<String> ok =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("\"FunctionName\":\"hello\"");
    HttpResponse<String> tampered =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(url.replace("/hello", "/hellO"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tampered.statusCode()).isEqualTo(403);
  }

  private static String outlet(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.commandLine().execute(args)).isZero();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void keysMadeAndRevokedFromTheTerminalTakeEffectWhileTheServerRuns() throws Exception {
    String data = server.dataDir().toString();
    String made = outlet("credentials", "create", "--user", "ci", "--data-dir", data);
    String id = made.replaceAll("(?s).*AWS_ACCESS_KEY_ID=(\\S+).*", "$1");
    String secret = made.replaceAll("(?s).*AWS_SECRET_ACCESS_KEY=(\\S+).*", "$1");
    assertThat(outlet("credentials", "list", "--data-dir", data))
        .contains(id)
        .contains("ci")
        .doesNotContain(secret)
        .doesNotContain(admin.secret());
    AwsCli ci = cli(id, secret);
    JsonNode listed = eventually(() -> ci.run("lambda", "list-functions"), true).json();
    assertThat(listed.get("Functions")).hasSize(1);
    outlet("credentials", "revoke", id, "--data-dir", data);
    assertThat(eventually(() -> ci.run("lambda", "list-functions"), false).err())
        .contains("(UnrecognizedClientException)");
  }

  /** Runs {@code call} until it succeeds (or fails) as wanted, within the key refresh delay. */
  private static AwsCli.Run eventually(java.util.function.Supplier<AwsCli.Run> call, boolean ok)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    AwsCli.Run r = call.get();
    while ((r.exit() == 0) != ok && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = call.get();
    }
    return r;
  }

  @Test
  void openModeRefusesAnAddressBeyondLoopback() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              Main.commandLine()
                  .execute(
                      "serve",
                      "--host",
                      "0.0.0.0",
                      "--port",
                      "0",
                      "--data-dir",
                      root.resolve("open").toString()))
          .isEqualTo(2);
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("refusing to listen on 0.0.0.0 with --auth open")
        .contains("--insecure-open");
  }

  @Test
  void usersAndKeysMadeThroughIamSignRequestsAsThemselves() throws Exception {
    assertThat(aws.run("iam", "create-user", "--user-name", "alice").ok().at("/User/Arn").asText())
        .isEqualTo("arn:aws:iam::000000000000:user/alice");
    JsonNode key =
        aws.run("iam", "create-access-key", "--user-name", "alice").ok().get("AccessKey");
    assertThat(key.get("AccessKeyId").asText()).matches("AKIA[A-Z2-7]{16}");
    AwsCli alice = cli(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
    JsonNode me = alice.run("sts", "get-caller-identity").ok();
    assertThat(me.get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:user/alice");
    assertThat(me.get("UserId").asText()).matches("AIDA[A-Z2-7]{16}");
    assertThat(alice.run("lambda", "list-functions").err())
        .contains("(AccessDeniedException)")
        .contains("because no identity-based policy allows the lambda:ListFunctions action");
    aws.run(
            "iam",
            "attach-user-policy",
            "--user-name",
            "alice",
            "--policy-arn",
            "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess")
        .ok();
    assertThat(alice.run("lambda", "list-functions").ok().get("Functions")).hasSize(1);
    aws.run(
            "iam",
            "detach-user-policy",
            "--user-name",
            "alice",
            "--policy-arn",
            "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess")
        .ok();
    assertThat(aws.run("iam", "delete-user", "--user-name", "alice").err())
        .contains("(DeleteConflict)")
        .contains("Cannot delete entity, must delete access keys first.");
    aws.run(
            "iam",
            "update-access-key",
            "--user-name",
            "alice",
            "--access-key-id",
            key.get("AccessKeyId").asText(),
            "--status",
            "Inactive")
        .ok();
    assertThat(alice.run("sts", "get-caller-identity").err()).contains("(InvalidClientTokenId)");
    assertThat(aws.run("iam", "get-user", "--user-name", "nobody").err())
        .contains("(NoSuchEntity)")
        .contains("The user with name nobody cannot be found.");
    String boto3 =
        "import boto3,sys\n"
            + "s=boto3.client('sts',endpoint_url=sys.argv[1],region_name='us-east-1',"
            + "aws_access_key_id=sys.argv[2],aws_secret_access_key=sys.argv[3])\n"
            + "print(s.get_caller_identity()['Arn'])\n";
    Process p =
        new ProcessBuilder(
                "python3", "-c", boto3, server.endpoint(), admin.accessKeyId(), admin.secret())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("arn:aws:iam::000000000000:user/admin");
  }

  @Test
  void getFunctionsCodeLinkWorksUnsignedButNotAlteredOrMadeUp() throws Exception {
    String link =
        aws.run("lambda", "get-function", "--function-name", "hello")
            .ok()
            .at("/Code/Location")
            .asText();
    HttpResponse<byte[]> zip =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.body()).startsWith('P', 'K');
    String altered = link.substring(0, link.length() - 1) + (link.endsWith("0") ? "1" : "0");
    assertThat(
            server
                .http()
                .send(
                    HttpRequest.newBuilder(URI.create(altered)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .contains("<Code>AccessDenied</Code>");
    String bare = link.substring(0, link.indexOf('?'));
    assertThat(
            server
                .http()
                .send(
                    HttpRequest.newBuilder(URI.create(bare)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anAwsIamFunctionUrlChecksTheSignatureItself() throws Exception {
    String url =
        aws.run(
                "lambda",
                "create-function-url-config",
                "--function-name",
                "hello",
                "--auth-type",
                "AWS_IAM")
            .ok()
            .get("FunctionUrl")
            .asText();
    String id = URI.create(url).getHost().substring(0, URI.create(url).getHost().indexOf('.'));
    URI path = URI.create(server.endpoint() + "/_outlet/urls/" + id + "/");
    HttpResponse<String> unsigned =
        server
            .http()
            .send(HttpRequest.newBuilder(path).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");
    Clock now = Clock.systemUTC();
    HttpResponse<String> signed = signedGet(path, now, false, admin.secret());
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    HttpResponse<String> wrong = signedGet(path, now, false, "z".repeat(40));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
    assertThat(JSON.readTree(wrong.body()).get("Message").asText())
        .startsWith("The request signature we calculated does not match");
  }

  @Test
  void anHttpApiRouteWithAwsIamAuthorizationChecksTheSignature() throws Exception {
    JsonNode api =
        aws.run(
                "apigatewayv2",
                "create-api",
                "--name",
                "signed",
                "--protocol-type",
                "HTTP",
                "--target",
                TestServer.functionArn("hello"))
            .ok();
    String apiId = api.get("ApiId").asText();
    String routeId =
        aws.run("apigatewayv2", "get-routes", "--api-id", apiId)
            .ok()
            .at("/Items/0/RouteId")
            .asText();
    aws.run(
            "apigatewayv2",
            "update-route",
            "--api-id",
            apiId,
            "--route-id",
            routeId,
            "--authorization-type",
            "AWS_IAM")
        .ok();
    URI path = URI.create(server.endpoint() + "/_outlet/apis/" + apiId + "/anything");
    assertThat(
            server
                .http()
                .send(HttpRequest.newBuilder(path).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
    Clock now = Clock.systemUTC();
    HttpResponse<String> signed = signedGet(path, now, false, admin.secret(), "execute-api");
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    HttpResponse<String> wrong = signedGet(path, now, false, "q".repeat(40), "execute-api");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidSignatureException");
  }
}
