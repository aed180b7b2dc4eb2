package dev.outlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.outlet.invoke.InvocationSample;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationsTest {
  private static final long AT = 1_800_000_000_000L;
  private static final long MINUTE = AT / 60_000;

  private static Map<SeriesKey, Double> expand(MetricEvent e) {
    Map<SeriesKey, Double> out = new HashMap<>();
    Observations.expand(e, (k, v) -> out.merge(k, v, Double::sum));
    return out;
  }

  @Test
  void aColdInvocationCountsInTheAccountAndTheFunctionButLatestHasNoVersionSeries() {
    Map<SeriesKey, Double> values = expand(new MetricEvent.Invoked(Samples.cold("f", 3, 10, AT)));
    assertThat(values)
        .containsEntry(new SeriesKey("", "", LambdaMetric.INVOCATIONS, MINUTE), 1.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.INVOCATIONS, MINUTE), 1.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.DURATION, MINUTE), 3.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.INIT_DURATION, MINUTE), 10.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.COLD_STARTS, MINUTE), 1.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.WARM_STARTS, MINUTE), 0.0)
        .containsEntry(new SeriesKey("f", "", LambdaMetric.ERRORS, MINUTE), 0.0);
    assertThat(values.keySet()).noneMatch(k -> k.version().equals("$LATEST"));
  }

  @Test
  void provisionedConcurrencyIsCountedOnlyForSpecsThatHaveItServedOrSpilledOver() {
    InvocationSample base =
        new InvocationSample("f", "3", "x86_64", 128, 10, -1, 10, 50, "Success", null, AT, null);
    assertThat(expand(new MetricEvent.Invoked(base)).keySet())
        .noneMatch(k -> k.metric().cloudWatchName().startsWith("Provisioned"));
    Map<SeriesKey, Double> served =
        expand(
            new MetricEvent.Invoked(
                base.withProvisioned(new dev.outlet.invoke.ProvisionedUse(true, 1, 2))));
    assertThat(served)
        .containsEntry(
            new SeriesKey("f", "3", LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, MINUTE), 1.0)
        .containsEntry(
            new SeriesKey(
                "f", "3", LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, MINUTE),
            0.0)
        .containsEntry(
            new SeriesKey("f", "3", LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, MINUTE), 0.5)
        .containsEntry(
            new SeriesKey("f", "3", LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS, MINUTE), 1.0);
    Map<SeriesKey, Double> spilled =
        expand(
            new MetricEvent.Invoked(
                base.withProvisioned(new dev.outlet.invoke.ProvisionedUse(false, 2, 2))));
    assertThat(spilled)
        .containsEntry(
            new SeriesKey(
                "f", "3", LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, MINUTE),
            1.0)
        .containsEntry(
            new SeriesKey("f", "3", LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, MINUTE), 1.0);
  }

  @Test
  void aPublishedVersionGetsItsOwnSeries() {
    InvocationSample s =
        new InvocationSample(
            "f", "3", "arm64", 1024, 1000, -1, 1000, 50, "Success", null, AT, null);
    Map<SeriesKey, Double> values = expand(new MetricEvent.Invoked(s));
    assertThat(values)
        .containsEntry(new SeriesKey("f", "3", LambdaMetric.BILLED_GB_SECONDS, MINUTE), 1.0)
        .containsEntry(
            new SeriesKey("f", "3", LambdaMetric.ESTIMATED_COST, MINUTE),
            Prices.ARM64_PER_GB_SECOND + Prices.PER_REQUEST)
        .doesNotContainKey(new SeriesKey("f", "3", LambdaMetric.INIT_DURATION, MINUTE));
  }

  @Test
  void errorsThrottlesAndConcurrencyLandInTheirSeries() {
    assertThat(expand(new MetricEvent.Invoked(Samples.failed("f", 2, AT))))
        .containsEntry(new SeriesKey("f", "", LambdaMetric.ERRORS, MINUTE), 1.0);
    assertThat(expand(new MetricEvent.Throttled("f", "$LATEST", AT)))
        .containsOnly(
            Map.entry(new SeriesKey("", "", LambdaMetric.THROTTLES, MINUTE), 1.0),
            Map.entry(new SeriesKey("f", "", LambdaMetric.THROTTLES, MINUTE), 1.0));
    assertThat(expand(new MetricEvent.Concurrency("f", 2, 5, AT)))
        .containsOnly(
            Map.entry(new SeriesKey("", "", LambdaMetric.CONCURRENT_EXECUTIONS, MINUTE), 5.0),
            Map.entry(new SeriesKey("f", "", LambdaMetric.CONCURRENT_EXECUTIONS, MINUTE), 2.0));
  }

  @Test
  void gbSecondsAndCostFollowThePublishedPrices() {
    assertThat(Prices.gbSeconds(1000, 1024)).isEqualTo(1.0);
    assertThat(Prices.gbSeconds(500, 128)).isEqualTo(0.0625);
    assertThat(Prices.cost("x86_64", 1000, 1024)).isCloseTo(0.0000168667, within(1e-15));
    assertThat(Prices.cost("arm64", 0, 128)).isCloseTo(0.0000002, within(1e-15));
  }
}
