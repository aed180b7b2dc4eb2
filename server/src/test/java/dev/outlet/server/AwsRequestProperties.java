package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every AWS protocol Outlet serves, on a real Outlet: each operation's valid request with its body
 * mutated (truncated, flipped, nested deeply, huge numbers, invalid UTF-8, long strings) is
 * answered within {@link Fuzz#BOUND}, never with a 5xx. The JSON of Lambda's REST API, CloudWatch
 * Logs' and EventBridge's JSON 1.1, API Gateway v2's REST JSON and IAM's query form.
 */
class AwsRequestProperties {
  private static Path root;
  private static TestServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One operation: its method, path, protocol headers and a valid body. */
  record Operation(String method, String path, String contentType, String target, String body) {}

  /** IAM's query form is told from CloudWatch's by the signing name (open mode checks no more). */
  private static final String SIGNED_FOR_IAM =
      "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/iam/aws4_request,"
          + " SignedHeaders=host, Signature=00";

  private static final String ZIP =
      Base64.getEncoder().encodeToString(TestZips.bootstrap(Runtimes.echo()));
  private static final String JSON = "application/json";
  private static final String AMZ_JSON = "application/x-amz-json-1.1";
  private static final String FORM = "application/x-www-form-urlencoded";

  private static final List<Operation> OPERATIONS =
      List.of(
          new Operation(
              "POST",
              "/2015-03-31/functions",
              JSON,
              null,
              "{\"FunctionName\":\"fz\",\"Runtime\":\"provided.al2023\",\"Role\":"
                  + "\"arn:aws:iam::000000000000:role/r\",\"Handler\":\"h\",\"Code\":{\"ZipFile\":\""
                  + ZIP
                  + "\"},\"Timeout\":3,\"MemorySize\":128,\"Environment\":{\"Variables\":"
                  + "{\"AB\":\"b\"}},\"Tags\":{\"k\":\"v\"},\"Architectures\":[\"x86_64\"]}"),
          new Operation(
              "PUT",
              "/2015-03-31/functions/f/configuration",
              JSON,
              null,
              "{\"Timeout\":10,\"MemorySize\":256,\"Description\":\"d\",\"Environment\":"
                  + "{\"Variables\":{\"XY\":\"1\"}},\"EphemeralStorage\":{\"Size\":1024}}"),
          new Operation(
              "PUT",
              "/2017-10-31/functions/f/concurrency",
              JSON,
              null,
              "{\"ReservedConcurrentExecutions\":5}"),
          new Operation(
              "POST", "/2015-03-31/functions/f/versions", JSON, null, "{\"Description\":\"d\"}"),
          new Operation(
              "POST",
              "/2015-03-31/functions/f/aliases",
              JSON,
              null,
              "{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"Description\":\"d\","
                  + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{}}}"),
          new Operation(
              "PUT",
              "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1",
              JSON,
              null,
              "{\"ProvisionedConcurrentExecutions\":1}"),
          new Operation(
              "POST",
              "/2015-03-31/functions/f/invocations",
              JSON,
              null,
              "{\"a\":[1,2.5,-3e4,{\"b\":null}],\"c\":\"\\u00e9\\n\",\"d\":true}"),
          new Operation(
              "POST",
              "/2021-10-31/functions/f/url",
              JSON,
              null,
              "{\"AuthType\":\"NONE\",\"Cors\":{\"AllowOrigins\":[\"*\"],\"MaxAge\":60}}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "Logs_20140328.FilterLogEvents",
              "{\"logGroupName\":\"/aws/lambda/f\",\"filterPattern\":\"{ $.a > 1 }\","
                  + "\"startTime\":0,\"endTime\":9999999999999,\"limit\":10,"
                  + "\"interleaved\":true}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "Logs_20140328.DescribeLogStreams",
              "{\"logGroupName\":\"/aws/lambda/f\",\"orderBy\":\"LastEventTime\","
                  + "\"descending\":true,\"limit\":5}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "AWSEvents.PutRule",
              "{\"Name\":\"r\",\"ScheduleExpression\":\"cron(0 12 * * ? *)\","
                  + "\"State\":\"DISABLED\",\"Description\":\"d\"}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "AWSEvents.PutTargets",
              "{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"t\",\"Arn\":"
                  + "\"arn:aws:lambda:us-east-1:000000000000:function:f\",\"Input\":\"{}\"}]}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "AWSEvents.PutRule",
              "{\"Name\":\"p\",\"EventPattern\":\"{\\\"source\\\":[{\\\"prefix\\\":"
                  + "\\\"s\\\"}],\\\"detail\\\":{\\\"n\\\":[{\\\"numeric\\\":"
                  + "[\\\">\\\",1]}]}}\"}"),
          new Operation(
              "POST",
              "/",
              AMZ_JSON,
              "AWSEvents.PutEvents",
              "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\","
                  + "\"Detail\":\"{\\\"n\\\":[1,2.5,{\\\"x\\\":null}]}\","
                  + "\"Resources\":[\"r\"],\"Time\":1733400000}]}"),
          new Operation(
              "POST",
              "/v2/apis",
              JSON,
              null,
              "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"target\":"
                  + "\"arn:aws:lambda:us-east-1:000000000000:function:f\","
                  + "\"corsConfiguration\":{\"allowOrigins\":[\"*\"]}}"),
          new Operation(
              "POST",
              "/",
              FORM,
              null,
              "Action=CreateUser&Version=2010-05-08&UserName=u&Tags.member.1.Key=k"
                  + "&Tags.member.1.Value=v"),
          new Operation(
              "POST", "/", FORM, null, "Action=CreateAccessKey&Version=2010-05-08&UserName=u"));

  @BeforeContainer
  static void start() throws IOException {
    root = Files.createTempDirectory("aws-fuzz");
    server = TestServer.start(root.resolve("data"));
    server.create("f", TestZips.bootstrap(Runtimes.echo()));
    server.invoke("f", "{}"); // its log group
  }

  @AfterContainer
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** An operation and a mutation of its valid body. */
  record Case(Operation op, byte[] body) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(OPERATIONS)
        .flatMap(
            op ->
                Fuzz.mutationsOf(List.of(op.body().getBytes(StandardCharsets.UTF_8)))
                    .map(body -> new Case(op, body)));
  }

  private static HttpResponse<String> send(Operation op, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.endpoint() + op.path()))
            .timeout(Fuzz.BOUND)
            .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", op.contentType());
    if (op.target() != null) {
      b.header("X-Amz-Target", op.target());
    }
    if (op.contentType().equals(FORM)) {
      b.header("Authorization", SIGNED_FOR_IAM);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("no answer to " + op + " with " + Fuzz.show(body), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void check(Operation op, byte[] body) {
    assertThat(send(op, body).statusCode())
        .as("%s %s (%s) with %s", op.method(), op.path(), op.target(), Fuzz.show(body))
        .isBetween(200, 499);
  }

  @Property(tries = 150)
  void aMutatedRequestOfAnyOperationIsAnsweredWithoutAFault(@ForAll("cases") Case c) {
    check(c.op(), c.body());
  }

  @Example
  void theValidRequestsAreServed() {
    List<String> refused = new java.util.ArrayList<>();
    for (Operation op : OPERATIONS) {
      HttpResponse<String> r = send(op, op.body().getBytes(StandardCharsets.UTF_8));
      int status = r.statusCode();
      if (!(status >= 200 && status < 300 || status == 409)) { // 409: made by a mutated try
        refused.add(op.method() + " " + op.path() + " " + op.target() + ": " + status + r.body());
      }
    }
    assertThat(refused).isEmpty();
  }

  @Example
  void theCommittedCorpusIsHandled() {
    for (byte[] body : Fuzz.corpus(getClass(), "/fuzz-corpus/aws-bodies.txt")) {
      for (Operation op : OPERATIONS) {
        check(op, body);
      }
    }
  }
}
