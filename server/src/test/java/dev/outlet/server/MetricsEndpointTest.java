package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** {@code GET /metrics}: Prometheus text whose counters match the invocations made. */
class MetricsEndpointTest {
  @TempDir static Path root;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The value of one series in Prometheus text, or NaN when absent. */
  static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  static String labels(String function) {
    return "{function_name=\"" + function + "\",version=\"$LATEST\"}";
  }

  private static String scrape() {
    HttpResponse<String> r = server.send("GET", "/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
    return r.body();
  }

  @Test
  void countersMatchSuccessesErrorsThrottlesAndStartTypes() {
    String ok = "metrics-ok";
    String failing = "metrics-failing";
    String throttled = "metrics-throttled";
    server.create(ok, TestZips.bootstrap(Runtimes.echo()));
    server.create(failing, TestZips.bootstrap(Runtimes.error("{\"errorMessage\":\"no\"}", "Nope")));
    server.create(throttled, TestZips.bootstrap(Runtimes.echo()));
    server
        .lambda()
        .putFunctionConcurrency(b -> b.functionName(throttled).reservedConcurrentExecutions(0));

    for (int i = 0; i < 3; i++) {
      assertThat(server.invoke(ok, "{}").functionError()).isNull();
    }
    for (int i = 0; i < 2; i++) {
      InvokeResponse r = server.invoke(failing, "{}");
      assertThat(r.functionError()).isEqualTo("Unhandled");
    }
    for (int i = 0; i < 4; i++) {
      thrownBy(TooManyRequestsException.class, () -> server.invoke(throttled, "{}"));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String text = scrape();
              assertThat(value(text, "aws_lambda_invocations_total" + labels(ok))).isEqualTo(3);
              assertThat(value(text, "aws_lambda_errors_total" + labels(ok))).isZero();
              assertThat(value(text, "aws_lambda_cold_starts_total" + labels(ok))).isEqualTo(1);
              assertThat(value(text, "aws_lambda_warm_starts_total" + labels(ok))).isEqualTo(2);
              assertThat(value(text, "aws_lambda_duration_seconds_count" + labels(ok)))
                  .isEqualTo(3);
              assertThat(value(text, "aws_lambda_init_duration_seconds_count" + labels(ok)))
                  .isEqualTo(1);
              assertThat(value(text, "aws_lambda_invocations_total" + labels(failing)))
                  .isEqualTo(2);
              assertThat(value(text, "aws_lambda_errors_total" + labels(failing))).isEqualTo(2);
              assertThat(value(text, "aws_lambda_cold_starts_total" + labels(failing)))
                  .isEqualTo(1);
              assertThat(value(text, "aws_lambda_throttles_total" + labels(throttled)))
                  .isEqualTo(4);
              assertThat(value(text, "aws_lambda_invocations_total" + labels(throttled))).isZero();
              assertThat(value(text, "aws_lambda_billed_gb_seconds_total" + labels(ok)))
                  .isPositive();
              assertThat(value(text, "aws_lambda_estimated_cost_usd_total" + labels(ok)))
                  .isGreaterThan(3 * 0.20 / 1_000_000);
              assertThat(
                      value(text, "aws_lambda_concurrent_executions{function_name=\"" + ok + "\"}"))
                  .isZero();
              assertThat(value(text, "aws_lambda_account_invocations_total"))
                  .isGreaterThanOrEqualTo(5);
              assertThat(value(text, "aws_lambda_account_throttles_total"))
                  .isGreaterThanOrEqualTo(4);
            });
  }

  @Test
  void durationPercentilesAndMemoryArePublished() {
    String name = "metrics-percentiles";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    server.invoke(name, "{}");
    server.invoke(name, "{}");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String text = scrape();
              String l = "{function_name=\"" + name + "\",version=\"$LATEST\",quantile=\"";
              for (String q : new String[] {"0.5", "0.9", "0.99"}) {
                assertThat(value(text, "aws_lambda_duration_seconds" + l + q + "\"}"))
                    .as("p" + q)
                    .isPositive();
              }
              assertThat(value(text, "aws_lambda_max_memory_used_megabytes_max" + labels(name)))
                  .isPositive();
            });
  }

  @Test
  void theJson10ProtocolAnswersWithJsonAndQueryErrorHeaders() {
    String name = "metrics-json";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    server.invoke(name, "{}");
    HttpResponse<String> list =
        server.send(
            "POST",
            "/",
            "{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"Invocations\"}".getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.ListMetrics");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("{\"Name\":\"FunctionName\",\"Value\":\"" + name + "\"}");

    HttpResponse<String> bad =
        server.send(
            "POST",
            "/",
            "{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"Duration\",\"Period\":60}".getBytes(),
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            "GraniteServiceVersion20100801.GetMetricStatistics");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("x-amzn-query-error")).hasValue("MissingParameter;Sender");
    assertThat(bad.body()).contains("\"__type\":\"MissingRequiredParameterException\"");
  }

  @Test
  void anUnknownQueryActionIsAnXmlErrorResponse() {
    HttpResponse<String> r =
        server.send(
            "POST",
            "/",
            "Action=PutMetricData&Version=2010-08-01".getBytes(),
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
        .contains("<Error><Type>Sender</Type><Code>InvalidAction</Code><Message>")
        .containsPattern("<RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$");
  }

  @Test
  void theLambdaApiStillAnswersItsOwnPathsNextToMetrics() {
    assertThat(server.send("GET", "/2015-03-31/functions/", null).statusCode()).isEqualTo(200);
    assertThat(server.send("POST", "/metrics", new byte[0]).statusCode()).isNotEqualTo(200);
  }
}
