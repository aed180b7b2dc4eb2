package dev.outlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaMetricsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;

  @Test
  void scrapeShowsCloudWatchNamedMetersPerFunctionVersionAndForTheAccount() {
    try (LambdaMetrics m = LambdaMetrics.open(dir, new ManualClock(T0))) {
      long at = T0.toEpochMilli();
      m.concurrency("f", 1);
      m.completed(Samples.cold("f", 3, 100, at));
      m.concurrency("f", -1);
      m.completed(Samples.warm("f", 5, at));
      m.completed(Samples.failed("f", 1, at));
      m.throttled("f", "$LATEST");
      m.concurrency("g", 1);
      String text = m.scrape();
      assertThat(text)
          .contains("aws_lambda_invocations_total{function_name=\"f\",version=\"$LATEST\"} 3")
          .contains("aws_lambda_errors_total{function_name=\"f\",version=\"$LATEST\"} 1")
          .contains("aws_lambda_throttles_total{function_name=\"f\",version=\"$LATEST\"} 1")
          .contains("aws_lambda_cold_starts_total{function_name=\"f\",version=\"$LATEST\"} 1")
          .contains("aws_lambda_warm_starts_total{function_name=\"f\",version=\"$LATEST\"} 2")
          .contains("aws_lambda_duration_seconds_count{function_name=\"f\",version=\"$LATEST\"} 3")
          .contains(
              "aws_lambda_duration_seconds{function_name=\"f\",version=\"$LATEST\",quantile=\"0.99\"}")
          .contains(
              "aws_lambda_init_duration_seconds_count{function_name=\"f\",version=\"$LATEST\"} 1")
          .contains(
              "aws_lambda_max_memory_used_megabytes_max{function_name=\"f\",version=\"$LATEST\"} 30")
          .contains("aws_lambda_billed_gb_seconds_total{function_name=\"f\",version=\"$LATEST\"}")
          .contains("aws_lambda_estimated_cost_usd_total{function_name=\"f\",version=\"$LATEST\"}")
          .contains("aws_lambda_concurrent_executions{function_name=\"f\"} 0")
          .contains("aws_lambda_concurrent_executions{function_name=\"g\"} 1")
          .contains("aws_lambda_account_concurrent_executions 1")
          .contains("aws_lambda_account_invocations_total 3")
          .contains("outlet_metrics_dropped_events_total 0");
    }
  }
}
