package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.Service;
import dev.outlet.edge.testkit.EdgeServer;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.ManualClock;
import dev.outlet.metrics.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudWatch metrics services on a real {@link AwsEdge} on loopback: which requests they claim,
 * and the errors and encodings the edge gives them in each protocol.
 */
class MetricsServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  @TempDir Path dir;
  private LambdaMetrics metrics;
  private EdgeServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    metrics = LambdaMetrics.open(dir, new ManualClock(T0));
    metrics.completed(Samples.cold("f", 10, 50, T0.toEpochMilli() + 1000));
    server =
        EdgeServer.start(
            MetricsService.create(metrics.store(), new ManualClock(T0)),
            RequestVerifier.ACCEPT_ALL);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  private HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url(path)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static RequestHead head(String method, String path, String... headers) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return new RequestHead(method, path, h::get, q -> null);
  }

  private static String signedFor(String service) {
    return "AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/"
        + service
        + "/aws4_request, SignedHeaders=host, Signature=00";
  }

  @Test
  void protocolsAreToldApartByMethodPathAndHeaders() {
    assertThat(MetricsService.query(head("POST", "/", "Content-Type", FORM)))
        .isInstanceOf(Service.Claim.InBody.class);
    assertThat(
            MetricsService.query(
                head("POST", "/", "Content-Type", FORM, "Authorization", signedFor("monitoring"))))
        .isInstanceOf(Service.Claim.InBody.class);
    assertThat(
            MetricsService.query(
                head("POST", "/", "Content-Type", FORM, "Authorization", signedFor("sqs"))))
        .isNull();
    assertThat(MetricsService.query(head("GET", "/", "Content-Type", FORM))).isNull();
    assertThat(MetricsService.query(head("POST", "/2015-03-31/functions", "Content-Type", FORM)))
        .isNull();
    assertThat(
            MetricsService.query(
                head("POST", "/", "Content-Type", FORM, "X-Amz-Target", "AWSEvents.PutRule")))
        .isNull();
    assertThat(MetricsService.query(head("POST", "/", "Content-Type", "application/json")))
        .isNull();
    assertThat(
            MetricsService.cbor(
                head("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData")))
        .isEqualTo(new Service.Claim.Named("GetMetricData"));
    assertThat(
            MetricsService.cbor(
                head("GET", "/service/GraniteServiceVersion20100801/operation/GetMetricData")))
        .isNull();
    assertThat(MetricsService.cbor(head("POST", "/service/Other/operation/GetMetricData")))
        .isNull();
  }

  @Test
  void aFormWithoutActionIsMissingParameterInXml() throws Exception {
    var r = post("/", "Version=2010-08-01".getBytes(), "Content-Type", FORM);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
    assertThat(text(r))
        .startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
        .contains(
            "<Error><Type>Sender</Type><Code>MissingParameter</Code>"
                + "<Message>The parameter Action is required.</Message></Error>");
  }

  @Test
  void aFormSignedForAnotherServiceIsNotCloudWatchs() throws Exception {
    var r =
        post(
            "/",
            "Action=ListMetrics".getBytes(),
            "Content-Type",
            FORM,
            "Authorization",
            signedFor("sqs"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(text(r)).isEqualTo("unclaimed");
  }

  @Test
  void aBodyOverOneMegabyteIsAnInvalidParameterValue() throws Exception {
    byte[] body = ("Action=ListMetrics&Pad=" + "x".repeat(1 << 20)).getBytes();
    var r = post("/", body, "Content-Type", FORM);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(text(r))
        .contains(
            "<Code>InvalidParameterValue</Code>"
                + "<Message>Request must be smaller than 1 MB.</Message>");
  }

  @Test
  void jsonErrorsCarryTheShapeAndTheQueryCode() throws Exception {
    var missing =
        post(
            "/",
            "{}".getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("x-amzn-query-error"))
        .hasValue("MissingParameter;Sender");
    assertThat(JSON.readTree(missing.body()).path("__type").asText())
        .isEqualTo("MissingRequiredParameterException");

    var unparsable =
        post(
            "/",
            "{\"Namespace\":".getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.ListMetrics");
    assertThat(unparsable.statusCode()).isEqualTo(400);
    assertThat(unparsable.headers().firstValue("x-amzn-query-error"))
        .hasValue("InvalidParameterValue;Sender");
    assertThat(JSON.readTree(unparsable.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"__type\":\"InvalidParameterValueException\","
                    + "\"message\":\"The request body could not be parsed.\"}"));

    var unknown =
        post(
            "/",
            "{}".getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.PutMetricData");
    assertThat(unknown.headers().firstValue("x-amzn-query-error")).hasValue("InvalidAction;Sender");
    assertThat(JSON.readTree(unknown.body()).path("message").asText())
        .isEqualTo(
            "Outlet's CloudWatch serves GetMetricStatistics, GetMetricData and ListMetrics,"
                + " not PutMetricData.");
  }

  @Test
  void jsonTimestampsAreEpochSecondsAndExtendedStatisticsAnObject() throws Exception {
    String in =
        "{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"Duration\",\"Period\":60,"
            + "\"StartTime\":"
            + T0.getEpochSecond()
            + ",\"EndTime\":"
            + (T0.getEpochSecond() + 300)
            + ",\"Statistics\":[\"Sum\"],\"ExtendedStatistics\":[\"p50\"],"
            + "\"Dimensions\":[{\"Name\":\"FunctionName\",\"Value\":\"f\"}]}";
    var r =
        post(
            "/",
            in.getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.GetMetricStatistics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
    JsonNode point = JSON.readTree(r.body()).path("Datapoints").get(0);
    assertThat(point.path("Timestamp").isNumber()).isTrue();
    assertThat(point.path("Timestamp").asDouble()).isEqualTo(T0.getEpochSecond());
    assertThat(point.path("Sum").asDouble()).isEqualTo(10.0);
    assertThat(point.path("ExtendedStatistics").path("p50").isNumber()).isTrue();
  }

  @Test
  void anUnreadableTimestampInAFormIsRefusedInCloudWatchsWords() throws Exception {
    var r =
        post(
            "/",
            ("Action=GetMetricStatistics&Namespace=AWS%2FLambda&MetricName=Duration&Period=60"
                    + "&Statistics.member.1=Sum&StartTime=yesterday&EndTime=2026-11-27T11%3A00%3A00Z")
                .getBytes(),
            "Content-Type",
            FORM);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(text(r))
        .contains(
            "<Code>InvalidParameterValue</Code><Message>The parameter StartTime must be an ISO"
                + " 8601 timestamp, got yesterday.</Message>");
  }

  @Test
  void aMistypedFormMemberIsAnUnparsableBodyNotAFault() throws Exception {
    var r =
        post(
            "/",
            "Action=ListMetrics&Dimensions.member.1=FunctionName".getBytes(),
            "Content-Type",
            FORM);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(text(r))
        .contains(
            "<Code>InvalidParameterValue</Code>"
                + "<Message>The request body could not be parsed.</Message>");
  }

  @Test
  void aStoreFailureIsTheGeneric500NamingOnlyTheRequestId() throws Exception {
    metrics.store().close();
    var r =
        post(
            "/service/GraniteServiceVersion20100801/operation/ListMetrics",
            new byte[0],
            "Content-Type",
            "application/cbor",
            "smithy-protocol",
            "rpc-v2-cbor");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
    assertThat(r.headers().firstValue("x-amzn-query-error"))
        .hasValue("InternalServiceError;Receiver");
    String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
    JsonNode body = CBOR.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo("InternalServiceFault");
    assertThat(body.path("message").asText())
        .isEqualTo("Outlet could not serve the request; see its log for " + id + ".");
  }
}
