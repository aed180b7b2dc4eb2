package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import dev.outlet.edge.Protocol;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.ManualClock;
import dev.outlet.metrics.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

  private static final Protocol QUERY = new Protocol.AwsQuery(MetricsService.NAMESPACE);

  /** A form bound as the edge binds it for the query protocol. */
  private static <T> T form(String body, Class<T> type) {
    return QUERY.decode(body.getBytes(StandardCharsets.UTF_8), type);
  }

  /** The reply as the edge writes it in the query protocol. */
  private static String xml(String operation, Object reply, String requestId) {
    return new String(QUERY.encode(reply, operation, requestId).body(), StandardCharsets.UTF_8);
  }

  /** The reply as the edge writes it in AWS JSON 1.0. */
  private static String json(Object reply) {
    return new String(
        new Protocol.AwsJson("1.0", true).encode(reply, "Op", "r").body(), StandardCharsets.UTF_8);
  }

  @Test
  void getMetricStatisticsAnswersPerPeriodInTheQueryProtocolsXml() {
    GetMetricStatisticsResult reply =
        GetMetricStatistics.run(
                form(
                    "Namespace=AWS%2FLambda&MetricName=Duration&Dimensions.member.1.Name=FunctionName"
                        + "&Dimensions.member.1.Value=f&StartTime=2026-11-27T09%3A59%3A30Z"
                        + "&EndTime=2026-11-27T10%3A05%3A00Z&Period=60"
                        + "&Statistics.member.1=Average&Statistics.member.2=Maximum"
                        + "&ExtendedStatistics.member.1=p50",
                    GetMetricStatisticsInput.class),
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
    GetMetricDataResult reply =
        GetMetricData.run(
                form(
                    "MetricDataQueries.member.1.Id=inv"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
                        + "&MetricDataQueries.member.1.MetricStat.Period=300"
                        + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                        + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T10%3A05%3A00Z",
                    GetMetricDataInput.class),
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
    ListMetricsResult reply =
        ListMetrics.run(
                form("Namespace=AWS%2FLambda&MetricName=Invocations", ListMetricsInput.class),
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
                            + "&EndTime=2026-11-27T11:00:00Z&Period=30&Statistics.member.1=Sum",
                        GetMetricStatisticsInput.class),
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

  @Test
  void jsonRepliesKeepCloudWatchsMembersAndOrderAndLeaveOutWhatIsAbsent() {
    GetMetricStatisticsResult statistics =
        GetMetricStatistics.run(
                form(
                    "Namespace=AWS%2FLambda&MetricName=Duration&Dimensions.member.1.Name=FunctionName"
                        + "&Dimensions.member.1.Value=f&StartTime=2026-11-27T10%3A00%3A00Z"
                        + "&EndTime=2026-11-27T10%3A01%3A00Z&Period=60"
                        + "&Statistics.member.1=Maximum&Statistics.member.2=SampleCount",
                    GetMetricStatisticsInput.class),
                metrics.store())
            .join();
    assertThat(json(statistics))
        .isEqualTo(
            "{\"Label\":\"Duration\",\"Datapoints\":[{\"Timestamp\":1.7957736E9,"
                + "\"SampleCount\":2.0,\"Maximum\":20.0,\"Unit\":\"Milliseconds\"}]}");

    GetMetricDataResult data =
        GetMetricData.run(
                form(
                    "MetricDataQueries.member.1.Id=inv&MetricDataQueries.member.1.Label=calls"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=FunctionName"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=f"
                        + "&MetricDataQueries.member.1.MetricStat.Period=60"
                        + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                        + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T10%3A02%3A00Z",
                    GetMetricDataInput.class),
                metrics.store())
            .join();
    assertThat(json(data))
        .isEqualTo(
            "{\"MetricDataResults\":[{\"Id\":\"inv\",\"Label\":\"calls\","
                + "\"Timestamps\":[1.79577366E9,1.7957736E9],\"Values\":[1.0,2.0],"
                + "\"StatusCode\":\"Complete\"}],\"Messages\":[]}");

    ListMetricsResult list =
        ListMetrics.run(
                form(
                    "MetricName=Invocations&Dimensions.member.1.Name=FunctionName"
                        + "&Dimensions.member.1.Value=other",
                    ListMetricsInput.class),
                metrics.store(),
                T0.toEpochMilli())
            .join();
    assertThat(json(list))
        .isEqualTo(
            "{\"Metrics\":[{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"Invocations\","
                + "\"Dimensions\":[{\"Name\":\"FunctionName\",\"Value\":\"other\"}]}]}");
  }

  @Test
  void aQueryThatReturnsNoDataHasNoResult() {
    GetMetricDataResult data =
        GetMetricData.run(
                form(
                    "MetricDataQueries.member.1.Id=a&MetricDataQueries.member.1.ReturnData=false"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
                        + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
                        + "&MetricDataQueries.member.1.MetricStat.Period=60"
                        + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                        + "&MetricDataQueries.member.2.Id=b"
                        + "&MetricDataQueries.member.2.MetricStat.Metric.Namespace=Other"
                        + "&MetricDataQueries.member.2.MetricStat.Metric.MetricName=Invocations"
                        + "&MetricDataQueries.member.2.MetricStat.Period=60"
                        + "&MetricDataQueries.member.2.MetricStat.Stat=Sum"
                        + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T10%3A02%3A00Z",
                    GetMetricDataInput.class),
                metrics.store())
            .join();
    assertThat(data.MetricDataResults())
        .containsExactly(
            new GetMetricDataResult.MetricDataResult(
                "b", "Invocations", List.of(), List.of(), "Complete"));
  }
}
