package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.testkit.EdgeServer;
import dev.outlet.edge.testkit.Fuzz;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.ManualClock;
import dev.outlet.metrics.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * CloudWatch's query API on a real edge server, fed mutated requests in its three protocols (RPC v2
 * CBOR, JSON 1.0, the query form): every request is answered within {@link Fuzz#BOUND}, never with
 * a 5xx.
 */
class MetricsRequestProperties {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/";
  private static final List<String> OPERATIONS =
      List.of("GetMetricData", "GetMetricStatistics", "ListMetrics");

  private static Path dir;
  private static LambdaMetrics metrics;
  private static EdgeServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("metrics-fuzz");
    ManualClock clock = new ManualClock(T0);
    metrics = LambdaMetrics.open(dir, clock);
    metrics.completed(Samples.cold("f", 10, 50, T0.toEpochMilli() + 1000));
    server =
        EdgeServer.start(MetricsService.create(metrics.store(), clock), RequestVerifier.ACCEPT_ALL);
  }

  @AfterContainer
  static void stop() throws IOException {
    server.close();
    metrics.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static final List<String> JSON =
      List.of(
          "{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"Duration\",\"Period\":60,"
              + "\"StartTime\":1764237600,\"EndTime\":1764237900,\"Statistics\":[\"Sum\"],"
              + "\"ExtendedStatistics\":[\"p50\"],"
              + "\"Dimensions\":[{\"Name\":\"FunctionName\",\"Value\":\"f\"}]}",
          "{\"MetricDataQueries\":[{\"Id\":\"m1\",\"MetricStat\":{\"Metric\":{\"Namespace\":"
              + "\"AWS/Lambda\",\"MetricName\":\"Invocations\",\"Dimensions\":[{\"Name\":"
              + "\"FunctionName\",\"Value\":\"f\"}]},\"Period\":60,\"Stat\":\"Sum\"}}],"
              + "\"StartTime\":1764237600,\"EndTime\":1764241200,\"MaxDatapoints\":100}",
          "{\"Namespace\":\"AWS/Lambda\",\"Dimensions\":[{\"Name\":\"FunctionName\"}],"
              + "\"NextToken\":\"x\",\"RecentlyActive\":\"PT3H\"}");

  private static final List<String> FORMS =
      List.of(
          "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FLambda&MetricName=Duration"
              + "&Period=60&Statistics.member.1=Sum&StartTime=2026-11-27T10%3A00%3A00Z"
              + "&EndTime=2026-11-27T11%3A00%3A00Z&Dimensions.member.1.Name=FunctionName"
              + "&Dimensions.member.1.Value=f",
          "Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=m1"
              + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
              + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Errors"
              + "&MetricDataQueries.member.1.MetricStat.Period=300"
              + "&MetricDataQueries.member.1.MetricStat.Stat=p99.9"
              + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T11%3A00%3A00Z",
          "Action=ListMetrics&Version=2010-08-01&Namespace=AWS%2FLambda&MetricName=Errors");

  private static List<byte[]> cbor() {
    ObjectMapper json = new ObjectMapper();
    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    List<byte[]> out = new ArrayList<>();
    for (String j : JSON) {
      try {
        out.add(cbor.writeValueAsBytes(json.readTree(j)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Provide
  Arbitrary<byte[]> cborBodies() {
    return Fuzz.mutationsOf(cbor());
  }

  @Provide
  Arbitrary<byte[]> jsonBodies() {
    return Fuzz.mutationsOf(JSON.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Provide
  Arbitrary<byte[]> forms() {
    return Fuzz.mutationsOf(FORMS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Provide
  Arbitrary<String> operations() {
    return Arbitraries.of(OPERATIONS);
  }

  private static int post(String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url(path)))
            .timeout(Fuzz.BOUND)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new AssertionError("no answer for " + Fuzz.show(body), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void sendAll(String operation, byte[] body) {
    int cbor =
        post(
            CBOR_PATH + operation,
            body,
            "Content-Type",
            "application/cbor",
            "smithy-protocol",
            "rpc-v2-cbor");
    int json =
        post(
            "/",
            body,
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801." + operation);
    int form = post("/", body, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(List.of(cbor, json, form))
        .as("statuses for %s", Fuzz.show(body))
        .allSatisfy(s -> assertThat(s).isBetween(200, 499));
  }

  @Property(tries = 50)
  void mutatedCborIsAnsweredWithoutAFault(
      @ForAll("operations") String op, @ForAll("cborBodies") byte[] body) {
    sendAll(op, body);
  }

  @Property(tries = 50)
  void mutatedJsonIsAnsweredWithoutAFault(
      @ForAll("operations") String op, @ForAll("jsonBodies") byte[] body) {
    sendAll(op, body);
  }

  @Property(tries = 50)
  void mutatedFormsAreAnsweredWithoutAFault(
      @ForAll("operations") String op, @ForAll("forms") byte[] body) {
    sendAll(op, body);
  }

  @Example
  void theSamplesAreServed() {
    assertThat(
            post(
                "/",
                JSON.getFirst().getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/x-amz-json-1.0",
                "X-Amz-Target",
                "GraniteServiceVersion20100801.GetMetricStatistics"))
        .isEqualTo(200);
    assertThat(
            post(
                CBOR_PATH + "GetMetricData",
                cbor().get(1),
                "Content-Type",
                "application/cbor",
                "smithy-protocol",
                "rpc-v2-cbor"))
        .isEqualTo(200);
    for (String form : FORMS) {
      assertThat(
              post(
                  "/",
                  form.getBytes(StandardCharsets.UTF_8),
                  "Content-Type",
                  "application/x-www-form-urlencoded"))
          .as(form)
          .isEqualTo(200);
    }
  }

  @Example
  void theCommittedCorpusIsHandled() {
    for (byte[] body : Fuzz.corpus(getClass(), "/fuzz-corpus/metrics-requests.txt")) {
      for (String op : OPERATIONS) {
        sendAll(op, body);
      }
    }
  }
}
