package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.AwsCli.Run;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian AWS CLI v2 at exactly {@code /usr/bin/aws} (query protocol: form-encoded POST, XML
 * replies) reads Outlet's AWS/Lambda metrics, the current minute included. Always with {@code
 * --endpoint-url}: this CLI ignores {@code AWS_ENDPOINT_URL} and would call AWS itself.
 */
class MetricsCloudWatchCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
  private static final String NAME = "metrics-cli";

  @TempDir static Path root;
  private static TestServer server;
  private static final List<Double> durations = new ArrayList<>();

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    server.create(NAME, TestZips.bootstrap(Runtimes.echo()));
    for (int i = 0; i < 5; i++) {
      Matcher m = DURATION.matcher(TestServer.logTail(server.invoke(NAME, "{}")));
      assertThat(m.find()).isTrue();
      durations.add(Double.parseDouble(m.group(1)));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Run aws(String... args) {
    return new AwsCli(server.endpoint(), root).run(args);
  }

  private static String[] window() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new String[] {
      "--start-time", now.minus(Duration.ofMinutes(10)).toString(),
      "--end-time", now.plus(Duration.ofMinutes(2)).toString()
    };
  }

  private static JsonNode statistics(String... statistics) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "cloudwatch",
                "get-metric-statistics",
                "--namespace",
                "AWS/Lambda",
                "--metric-name",
                "Duration",
                "--dimensions",
                "Name=FunctionName,Value=" + NAME,
                "--period",
                "60",
                "--statistics"));
    args.addAll(List.of(statistics));
    args.addAll(List.of(window()));
    Run run = aws(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void getMetricStatisticsReturnsAverageAndMaximumOfTheReportedDurations() throws Exception {
    double max = durations.stream().mapToDouble(d -> d).max().orElseThrow();
    double min = durations.stream().mapToDouble(d -> d).min().orElseThrow();

    JsonNode reply = statistics("Average", "Maximum");

    assertThat(reply.path("Label").asText()).isEqualTo("Duration");
    JsonNode points = reply.path("Datapoints");
    assertThat(points.size()).isBetween(1, 2); // the invocations may straddle a minute
    double seenMax = 0;
    for (JsonNode p : points) {
      assertThat(p.path("Unit").asText()).isEqualTo("Milliseconds");
      assertThat(p.path("Average").asDouble()).isBetween(min - 0.01, max + 0.01);
      assertThat(Instant.parse(p.path("Timestamp").asText()).getEpochSecond() % 60).isZero();
      seenMax = Math.max(seenMax, p.path("Maximum").asDouble());
    }
    assertThat(seenMax).isCloseTo(max, within(0.006));
  }

  @Test
  void sampleCountAndSumOverTheWindowMatchTheInvocations() throws Exception {
    JsonNode points = statistics("SampleCount", "Sum").path("Datapoints");
    double count = 0;
    double sum = 0;
    for (JsonNode p : points) {
      count += p.path("SampleCount").asDouble();
      sum += p.path("Sum").asDouble();
    }
    assertThat(count).isEqualTo(durations.size());
    assertThat(sum).isCloseTo(durations.stream().mapToDouble(d -> d).sum(), within(0.03));
  }

  @Test
  void getMetricDataReturnsInvocationsAndDurationPercentiles() throws Exception {
    String queries =
        """
        [{"Id":"inv","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations",
          "Dimensions":[{"Name":"FunctionName","Value":"%1$s"}]},"Period":60,"Stat":"Sum"}},
         {"Id":"p99","Label":"tail latency","MetricStat":{"Metric":{"Namespace":"AWS/Lambda",
          "MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"%1$s"}]},
          "Period":600,"Stat":"p99"}}]
        """
            .formatted(NAME);
    List<String> args =
        new ArrayList<>(List.of("cloudwatch", "get-metric-data", "--metric-data-queries", queries));
    args.addAll(List.of(window()));
    Run run = aws(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();

    JsonNode results = JSON.readTree(run.out()).path("MetricDataResults");
    assertThat(results.size()).isEqualTo(2);
    JsonNode inv = results.get(0);
    assertThat(inv.path("Id").asText()).isEqualTo("inv");
    assertThat(inv.path("StatusCode").asText()).isEqualTo("Complete");
    assertThat(inv.path("Timestamps").size()).isEqualTo(inv.path("Values").size());
    double total = 0;
    for (JsonNode v : inv.path("Values")) {
      total += v.asDouble();
    }
    assertThat(total).isEqualTo(durations.size());
    JsonNode p99 = results.get(1);
    assertThat(p99.path("Label").asText()).isEqualTo("tail latency");
    // one 10-minute period, or two when the run straddles a boundary such as 04:10:00
    assertThat(p99.path("Values").size()).isBetween(1, 2);
    double max = durations.stream().mapToDouble(d -> d).max().orElseThrow();
    double seen = 0;
    for (JsonNode v : p99.path("Values")) {
      seen = Math.max(seen, v.asDouble());
    }
    assertThat(seen).isCloseTo(max, within(max * 0.02 + 0.01));
  }

  @Test
  void listMetricsNamesTheFunctionsMetrics() throws Exception {
    Run run =
        aws(
            "cloudwatch",
            "list-metrics",
            "--namespace",
            "AWS/Lambda",
            "--dimensions",
            "Name=FunctionName,Value=" + NAME);
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> names = new ArrayList<>();
    JSON.readTree(run.out()).path("Metrics").forEach(m -> names.add(m.path("MetricName").asText()));
    assertThat(names)
        .contains(
            "Invocations",
            "Errors",
            "Duration",
            "InitDuration",
            "ColdStarts",
            "BilledGBSeconds",
            "EstimatedCost",
            "ConcurrentExecutions");
  }

  @Test
  void aPeriodThatIsNotAMultipleOfSixtyIsRefusedAsInvalidParameterValue() throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "cloudwatch",
                "get-metric-statistics",
                "--namespace",
                "AWS/Lambda",
                "--metric-name",
                "Duration",
                "--period",
                "30",
                "--statistics",
                "Average"));
    args.addAll(List.of(window()));
    Run run = aws(args.toArray(String[]::new));
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("InvalidParameterValue").contains("multiple of 60");
  }

  @Test
  void accountWideMetricsNeedNoDimensions() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<String> args =
                  new ArrayList<>(
                      List.of(
                          "cloudwatch",
                          "get-metric-statistics",
                          "--namespace",
                          "AWS/Lambda",
                          "--metric-name",
                          "ConcurrentExecutions",
                          "--period",
                          "600",
                          "--statistics",
                          "Maximum"));
              args.addAll(List.of(window()));
              Run run = aws(args.toArray(String[]::new));
              assertThat(run.exit()).as(run.err()).isZero();
              JsonNode points = JSON.readTree(run.out()).path("Datapoints");
              // one 10-minute period, or two across a boundary such as 04:10:00
              assertThat(points.size()).isBetween(1, 2);
              double max = 0;
              for (JsonNode p : points) {
                max = Math.max(max, p.path("Maximum").asDouble());
                assertThat(p.path("Unit").asText()).isEqualTo("Count");
              }
              assertThat(max).isEqualTo(1.0);
            });
  }
}
