package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.testkit.EdgeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge on a real Vert.x server on loopback, with a small JSON 1.1 service and a query one. */
class AwsEdgeTest {
  private static final String SECRET = "jdbc:sqlite:/var/lib/secret.db is locked";

  record Greeting(String name, Integer times) {}

  record Answer(String text) {}

  private static final Service.Errors ERRORS =
      new Service.Errors() {
        @Override
        public AwsException unknownOperation(String name) {
          return new AwsException("UnknownOperationException", 400, "No operation " + name);
        }

        @Override
        public AwsException tooLarge(String operation, long limit) {
          return new AwsException("ValidationException", 413, "Over " + limit + " bytes");
        }

        @Override
        public AwsException malformed(String message) {
          return new AwsException("SerializationException", 400, message);
        }

        @Override
        public AwsException internal(String requestId) {
          return new AwsException("InternalFailure", 500, "We could not serve the request.");
        }
      };

  private EdgeServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile RequestVerifier verifier = RequestVerifier.ACCEPT_ALL;
  private volatile Authorizer authorizer = Authorizer.ALLOW_ALL;

  @BeforeEach
  void start() {
    Service greeter =
        new Service(
            "Greeter",
            new Protocol.AwsJson("1.1", false),
            Service.byTarget("Greeter_2026."),
            Map.of(
                "Greet",
                call -> {
                  Greeting g = call.input(Greeting.class);
                  if (g.name() == null) {
                    throw new AwsException("ValidationException", 400, "name is required");
                  }
                  return new Answer(
                      ("Hello " + g.name() + " ").repeat(g.times() == null ? 1 : g.times()).trim()
                          + " from "
                          + call.region());
                },
                "Tree",
                call -> Map.of("size", call.input(JsonNode.class).size()),
                "Later",
                call ->
                    java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> new Answer("later from " + call.region()),
                        java.util.concurrent.CompletableFuture.delayedExecutor(
                            200, java.util.concurrent.TimeUnit.MILLISECONDS)),
                "LaterRefused",
                call ->
                    java.util.concurrent.CompletableFuture.failedFuture(
                        new AwsException("ValidationException", 400, "refused later")),
                "Crash",
                call -> {
                  throw new IllegalStateException(SECRET);
                }),
            64,
            ERRORS,
            Access.Resolver.byOperation("greeter", Map.of("Greet", call -> "arn:greeting")));
    Service query =
        new Service(
            "Querier",
            new Protocol.AwsQuery("http://example.com/doc/2010-08-01/"),
            head ->
                "application/x-www-form-urlencoded".equals(head.mediaType())
                    ? new Service.Claim.InBody()
                    : null,
            Map.of(
                "Echo",
                call ->
                    Reply.ok(
                        "text/xml",
                        ("<echo>" + call.input(JsonNode.class).path("Names").size() + "</echo>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "Describe",
                call ->
                    Map.of(
                        "Names",
                        java.util.stream.StreamSupport.stream(
                                call.input(JsonNode.class).path("Names").spliterator(), false)
                            .map(JsonNode::asText)
                            .toList(),
                        "At",
                        java.time.Instant.parse("2026-12-04T08:30:00Z")),
                "Refuse",
                call -> {
                  throw new AwsException(
                      "InvalidParameterValueException", "InvalidParameterValue", 400, "bad <x>");
                }),
            1024,
            ERRORS,
            Access.Resolver.byOperation("querier", Map.of()));
    server =
        EdgeServer.start(
            List.of(greeter, query),
            (head, identity, body) -> verifier.verify(head, identity, body),
            (caller, access, sourceIp) -> authorizer.decide(caller, access, sourceIp));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String target, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url("/")))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anOperationGetsItsTypedInputAndItsRegionFromTheSignature() throws Exception {
    var res =
        post(
            "Greeter_2026.Greet",
            "{\"name\":\"Ada\",\"times\":2,\"unknown\":true}",
            Map.of(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261204/eu-north-1/greeter/aws4_request,"
                    + " SignedHeaders=host, Signature=00"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(res.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(res.body()).isEqualTo("{\"text\":\"Hello Ada Hello Ada from eu-north-1\"}");
  }

  @Test
  void aPresignedRequestGetsItsRegionFromItsQuery() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    server.url(
                        "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261204%2F"
                            + "sa-east-1%2Fgreeter%2Faws4_request&X-Amz-SignedHeaders=host"
                            + "&X-Amz-Signature=00")))
            .header("X-Amz-Target", "Greeter_2026.Greet")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
            .build();
    var res = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"text\":\"Hello Ada from sa-east-1\"}");
  }

  @Test
  void anUnsignedRequestIsInTheDefaultRegionAndAnEmptyBodyIsAnEmptyObject() throws Exception {
    var res = post("Greeter_2026.Tree", "", Map.of());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"size\":0}");
  }

  @Test
  void errorsAreRenderedAsJsonSdksReadThem() throws Exception {
    var res = post("Greeter_2026.Greet", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(res.body())
        .isEqualTo("{\"__type\":\"ValidationException\",\"message\":\"name is required\"}");
  }

  @Test
  void aDeferredResultIsAnsweredWhenItCompletesAndItsFailureAsAnError() throws Exception {
    var res = post("Greeter_2026.Later", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("later from us-east-1");
    var refused = post("Greeter_2026.LaterRefused", "{}", Map.of());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .isEqualTo("{\"__type\":\"ValidationException\",\"message\":\"refused later\"}");
  }

  @Test
  void anUnknownOperationIsTheServicesError() throws Exception {
    var res = post("Greeter_2026.Fly", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("UnknownOperationException").contains("No operation Fly");
  }

  @Test
  void requestsNoServiceClaimsAreLeftAlone() throws Exception {
    var res = post("Other_2026.Greet", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).isEqualTo("unclaimed");
  }

  @Test
  void malformedAndMistypedBodiesAreSerializationErrors() throws Exception {
    var bad = post("Greeter_2026.Greet", "{\"name\":", Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("SerializationException").contains("not valid JSON");
    var array = post("Greeter_2026.Greet", "[1]", Map.of());
    assertThat(array.body()).contains("must be a JSON object");
    var mistyped = post("Greeter_2026.Greet", "{\"name\":\"x\",\"times\":\"many\"}", Map.of());
    assertThat(mistyped.statusCode()).isEqualTo(400);
    assertThat(mistyped.body()).contains("SerializationException").contains("times");
  }

  @Test
  void aBodyOverTheCapIsRefusedWithTheServicesError() throws Exception {
    var res = post("Greeter_2026.Greet", "{\"name\":\"" + "x".repeat(100) + "\"}", Map.of());
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(res.body()).contains("Over 64 bytes");
  }

  @Test
  void aFaultIsAGeneric500ThatLeaksNothing() throws Exception {
    var res = post("Greeter_2026.Crash", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalFailure");
    assertThat(res.body())
        .isEqualTo(
            "{\"__type\":\"InternalFailure\",\"message\":\"We could not serve the request.\"}")
        .doesNotContain("sqlite")
        .doesNotContain("IllegalState");
  }

  @Test
  void theVerifierSeesTheIdentityAndCanRefuse() throws Exception {
    verifier =
        (head, identity, body) -> {
          if (identity.credential() == null) {
            throw new AwsException(
                "MissingAuthenticationTokenException", 403, "Missing Authentication Token");
          }
          return new Caller(identity.credential().accessKeyId(), "arn:aws:iam::1:user/u");
        };
    var res = post("Greeter_2026.Tree", "{}", Map.of());
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("Missing Authentication Token");
  }

  @Test
  void queryRequestsNameTheirOperationInTheFormAndDecodeAsTrees() throws Exception {
    var res =
        post(
            null,
            "Action=Echo&Names.member.1=a&Names.member.2=b",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("<echo>2</echo>");
    var unknown =
        post(null, "Action=Fly", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("<Code>UnknownOperationException</Code>");
  }

  @Test
  void queryResultsAreRenderedAsTheProtocolsXmlWithTheRequestId() throws Exception {
    var res =
        post(
            null,
            "Action=Describe&Names.member.1=a%3Cb&Names.member.2=c",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/xml");
    String id = res.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(res.body())
        .startsWith(
            "<DescribeResponse xmlns=\"http://example.com/doc/2010-08-01/\"><DescribeResult>")
        .contains("<Names><member>a&lt;b</member><member>c</member></Names>")
        .contains("<At>2026-12-04T08:30:00Z</At>")
        .endsWith(
            "</DescribeResult><ResponseMetadata><RequestId>"
                + id
                + "</RequestId></ResponseMetadata></DescribeResponse>");
  }

  @Test
  void queryErrorsAreXmlWithTheQueryCodeAndTheRequestId() throws Exception {
    var res =
        post(
            null,
            "Action=Refuse&Version=2010-08-01",
            Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/xml");
    String id = res.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(res.body())
        .isEqualTo(
            "<ErrorResponse xmlns=\"http://example.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>InvalidParameterValue</Code><Message>bad &lt;x&gt;</Message></Error>"
                + "<RequestId>"
                + id
                + "</RequestId></ErrorResponse>");
  }

  @Test
  void theAuthorizerSeesTheActionResourceAndSourceAndItsDenialIsTheServicesError()
      throws Exception {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    authorizer =
        (caller, access, sourceIp) -> {
          asked.add(access.action() + " " + access.resource() + " " + sourceIp);
          return access.action().equals("greeter:Greet")
              ? Authorizer.Verdict.ALLOWED
              : new Authorizer.Verdict.Denied(
                  "User: u is not authorized to perform: " + access.action());
        };
    assertThat(post("Greeter_2026.Greet", "{\"name\":\"a\"}", Map.of()).statusCode())
        .isEqualTo(200);
    var json = post("Greeter_2026.Tree", "{}", Map.of());
    assertThat(json.statusCode()).isEqualTo(403);
    assertThat(json.body())
        .contains("AccessDeniedException")
        .contains("User: u is not authorized to perform: greeter:Tree");
    var xml =
        post(null, "Action=Echo", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(xml.statusCode()).isEqualTo(403);
    assertThat(xml.body()).contains("<Code>AccessDenied</Code>");
    assertThat(asked)
        .containsExactly(
            "greeter:Greet arn:greeting 127.0.0.1",
            "greeter:Tree * 127.0.0.1",
            "querier:Echo * 127.0.0.1");
  }
}
