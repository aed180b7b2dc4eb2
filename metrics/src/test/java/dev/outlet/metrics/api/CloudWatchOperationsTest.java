package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.QueryForm;
import dev.outlet.edge.Reply;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.ManualClock;
import dev.outlet.metrics.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations as pure request → reply functions over a real store. */
class CloudWatchOperationsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;
  private LambdaMetrics metrics;

  @BeforeEach
  void record() {
    metrics = LambdaMetrics.open(dir, new ManualClock(T0));
    long at = T0.toEpochMilli();
    metrics.completed(Samples.cold("f", 10, 50, at + 1000));
    metrics.completed(Samples.warm("f", 20, at + 2000));
    metrics.completed(Samples.warm("f", 30, at + 61_000));
    metrics.completed(Samples.warm("other", 99, at + 3000));
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  private static JsonNode form(String body) {
    return QueryForm.parse(body);
  }

  /** The reply as the edge writes it in the query protocol. */
  private static String xml(String operation, Map<String, Object> reply, String requestId) {
    Reply r = new Protocol.AwsQuery(MetricsService.NAMESPACE).encode(reply, operation, requestId);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aFormBecomesTheTreeTheJsonProtocolsSend() {
    JsonNode in =
        form(
            "Action=GetMetricStatistics&Dimensions.member.2.Name=B&Dimensions.member.1.Name=A"
                + "&Dimensions.member.1.Value=x%2Fy&Statistics.member.1=Average&Empty=");
    assertThat(in.get("Dimensions").get(0).get("Value").asText()).isEqualTo("x/y");
    assertThat(in.get("Dimensions").get(1).get("Name").asText()).isEqualTo("B");
    assertThat(in.get("Statistics").get(0).asText()).isEqualTo("Average");
    assertThat(Input.list(in, "Empty")).isEmpty();
  }

  @Test
  void getMetricStatisticsAnswersPerPeriodInTheQueryProtocolsXml() {
    Map<String, Object> reply =
        GetMetricStatistics.run(
                form(
                    "Namespace=AWS%2FLambda&MetricName=Duration&Dimensions.member.1.Name=FunctionName"
                        + "&Dimensions.member.1.Value=f&StartTime=2026-11-27T09%3A59%3A30Z"
                        + "&EndTime=2026-11-27T10%3A05%3A00Z&Period=60"
                        + "&Statistics.member.1=Average&Statistics.member.2=Maximum"
                        + "&ExtendedStatistics.member.1=p50"),
                metrics.store())
            .join();
    String xml = xml("GetMetricStatistics", reply, "r-1");
    assertThat(xml)
        .startsWith(
            "<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricStatisticsResult><Label>Duration</Label><Datapoints><member>"
                + "<Timestamp>2026-11-27T10:00:00Z</Timestamp><Average>15.0</Average>"
                + "<Maximum>20.0</Maximum><Unit>Milliseconds</Unit><ExtendedStatistics><entry>"
                + "<key>p50</key><value>")
        .contains("<member><Timestamp>2026-11-27T10:01:00Z</Timestamp><Average>30.0</Average>")
        .endsWith(
            "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</GetMetricStatisticsResponse>");
  }

  @Test
  void getMetricDataReturnsNewestFirstAndTheAccountWithoutDimensions() {
    Map<String, Object> reply =
        GetMetricData.run(
                form(
                    "MetricDataQueries.member.1.Id=inv"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
                        + "&MetricDataQueries.member.1.MetricStat.Period=300"
                        + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                        + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T10%3A05%3A00Z"),
                metrics.store())
            .join();
    String xml = xml("GetMetricData", reply, "r");
    assertThat(xml)
        .contains(
            "<member><Id>inv</Id><Label>Invocations</Label><Timestamps>"
                + "<member>2026-11-27T10:00:00Z</member></Timestamps><Values><member>4.0</member>"
                + "</Values><StatusCode>Complete</StatusCode></member>");
  }

  @Test
  void listMetricsNamesTheDimensionSetsThatHoldData() {
    Map<String, Object> reply =
        ListMetrics.run(
                form("Namespace=AWS%2FLambda&MetricName=Invocations"),
                metrics.store(),
                T0.toEpochMilli())
            .join();
    String xml = xml("ListMetrics", reply, "r");
    assertThat(xml)
        .contains(
            "<member><Namespace>AWS/Lambda</Namespace><MetricName>Invocations</MetricName>"
                + "<Dimensions></Dimensions></member>")
        .contains(
            "<Dimensions><member><Name>FunctionName</Name><Value>f</Value></member></Dimensions>")
        .contains("<Value>other</Value>");
  }

  @Test
  void aPeriodThatIsNotAMultipleOfSixtyIsAnInvalidParameterValue() {
    assertThatThrownBy(
            () ->
                GetMetricStatistics.run(
                    form(
                        "Namespace=AWS%2FLambda&MetricName=Duration&StartTime=2026-11-27T10:00:00Z"
                            + "&EndTime=2026-11-27T11:00:00Z&Period=30&Statistics.member.1=Sum"),
                    metrics.store()))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.queryCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.code()).isEqualTo("InvalidParameterValueException");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("multiple of 60");
            });
  }
}
