package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The AWS SDK for Java v2 {@code CloudWatchClient} (Smithy rpc-v2-cbor on the wire) reads the
 * metrics, and the minute aggregates survive a restart.
 */
class MetricsSdkTest {
  @TempDir Path root;

  static CloudWatchClient cloudWatch(String endpoint) {
    return CloudWatchClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static GetMetricStatisticsResponse durations(CloudWatchClient cw, String function) {
    Instant now = Instant.now();
    return cw.getMetricStatistics(
        b ->
            b.namespace("AWS/Lambda")
                .metricName("Duration")
                .dimensions(Dimension.builder().name("FunctionName").value(function).build())
                .startTime(now.minus(Duration.ofMinutes(10)))
                .endTime(now.plus(Duration.ofMinutes(1)))
                .period(3600)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.AVERAGE, Statistic.MAXIMUM)
                .extendedStatistics("p50", "p99"));
  }

  @Test
  void getMetricStatisticsAndGetMetricDataAnswerTheSdk() {
    String name = "metrics-sdk";
    try (TestServer server = TestServer.start(root.resolve("data"));
        CloudWatchClient cw = cloudWatch(server.endpoint())) {
      server.create(name, TestZips.bootstrap(Runtimes.echo()));
      for (int i = 0; i < 4; i++) {
        server.invoke(name, "{}");
      }

      // one hourly period, or two when the invocations straddle an hour
      List<Datapoint> points = durations(cw, name).datapoints();
      assertThat(points).hasSizeBetween(1, 2);
      assertThat(points.stream().mapToDouble(Datapoint::sampleCount).sum()).isEqualTo(4.0);
      for (Datapoint p : points) {
        assertThat(p.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(p.average()).isPositive().isLessThanOrEqualTo(p.maximum());
        assertThat(p.extendedStatistics()).containsOnlyKeys("p50", "p99");
        assertThat(p.extendedStatistics().get("p99"))
            .isCloseTo(p.maximum(), within(p.maximum() * 0.02));
        assertThat(p.timestamp().getEpochSecond() % 60).isZero();
      }

      Instant now = Instant.now();
      GetMetricDataResponse data =
          cw.getMetricData(
              b ->
                  b.startTime(now.minus(Duration.ofMinutes(10)))
                      .endTime(now.plus(Duration.ofMinutes(1)))
                      .metricDataQueries(
                          q ->
                              q.id("cold")
                                  .metricStat(
                                      s ->
                                          s.metric(
                                                  m ->
                                                      m.namespace("AWS/Lambda")
                                                          .metricName("ColdStarts")
                                                          .dimensions(
                                                              d ->
                                                                  d.name("FunctionName")
                                                                      .value(name)))
                                              .period(3600)
                                              .stat("Sum"))));
      MetricDataResult cold = data.metricDataResults().get(0);
      assertThat(cold.id()).isEqualTo("cold");
      assertThat(cold.statusCode()).isEqualTo(StatusCode.COMPLETE);
      assertThat(cold.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0);

      assertThat(cw.listMetrics(b -> b.namespace("AWS/Lambda").metricName("Invocations")).metrics())
          .anySatisfy(
              m -> assertThat(m.dimensions()).extracting(Dimension::value).containsExactly(name));
    }
  }

  @Test
  void invalidParametersComeBackAsTheModeledException() {
    try (TestServer server = TestServer.start(root.resolve("data"));
        CloudWatchClient cw = cloudWatch(server.endpoint())) {
      InvalidParameterValueException e =
          catchThrowableOfType(
              InvalidParameterValueException.class,
              () ->
                  cw.getMetricStatistics(
                      b ->
                          b.namespace("AWS/Lambda")
                              .metricName("Duration")
                              .startTime(Instant.now().minusSeconds(600))
                              .endTime(Instant.now())
                              .period(45)
                              .statistics(Statistic.AVERAGE)));
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).contains("multiple of 60");
    }
  }

  @Test
  void minuteAggregatesSurviveARestart() {
    String name = "metrics-durable";
    Path data = root.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      server.create(name, TestZips.bootstrap(Runtimes.echo()));
      for (int i = 0; i < 3; i++) {
        server.invoke(name, "{}");
      }
    }
    try (TestServer server = TestServer.start(data);
        CloudWatchClient cw = cloudWatch(server.endpoint())) {
      assertThat(samples(durations(cw, name).datapoints())).isEqualTo(3.0);

      server.invoke(name, "{}"); // the same minute or the next: merged with what was stored
      assertThat(samples(durations(cw, name).datapoints())).isEqualTo(4.0);
    }
  }

  /** The samples over all periods (one hourly period, or two across an hour). */
  private static double samples(List<Datapoint> points) {
    assertThat(points).hasSizeBetween(1, 2);
    return points.stream().mapToDouble(Datapoint::sampleCount).sum();
  }
}
