package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import dev.outlet.metrics.api.GetMetricDataInput.MetricDataQuery;
import dev.outlet.metrics.api.GetMetricDataInput.MetricStat;
import dev.outlet.metrics.api.ListMetricsInput.DimensionFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** CloudWatch's checks on each operation's input, with its error codes and words. */
class ValidationTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(3600);
  private static final List<Dimension> FUNCTION = List.of(new Dimension("FunctionName", "f"));

  private static GetMetricStatisticsInput statistics(
      String namespace,
      String name,
      Instant start,
      Instant end,
      Integer period,
      List<String> statistics,
      List<String> extended,
      List<Dimension> dimensions) {
    return new GetMetricStatisticsInput(
        namespace, name, dimensions, start, end, period, statistics, extended, null);
  }

  private static GetMetricStatisticsInput statistics(Integer period, List<String> statistics) {
    return statistics("AWS/Lambda", "Duration", T0, T1, period, statistics, null, FUNCTION);
  }

  private static MetricDataQuery query(String id, MetricStat stat) {
    return new MetricDataQuery(id, stat, null, null, null, null, null);
  }

  private static MetricStat stat(String namespace, String name, Integer period, String stat) {
    return new MetricStat(new Metric(namespace, name, FUNCTION), period, stat, null);
  }

  private static GetMetricDataInput data(List<MetricDataQuery> queries) {
    return new GetMetricDataInput(queries, T0, T1, null, null, null, null);
  }

  private static void refused(Executable check, ApiError error, String message) {
    assertThatThrownBy(check::execute)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.queryCode()).isEqualTo(error.code);
              assertThat(e.code()).isEqualTo(error.shape);
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void aValidGetMetricStatisticsGivesItsWindowAndStatisticsInTheOrderAsked() {
    Validation.Statistics valid =
        Validation.check(
            statistics(
                "AWS/Lambda",
                "Duration",
                T0.plusSeconds(30),
                T1,
                300,
                List.of("Maximum", "Average"),
                List.of("p99.9"),
                FUNCTION));
    assertThat(valid.periods())
        .isEqualTo(new Periods(T0.getEpochSecond() / 60, T1.getEpochSecond() / 60, 5));
    assertThat(valid.statistics())
        .extracting(Statistic::name)
        .containsExactly("Maximum", "Average", "p99.9");
  }

  @Test
  void getMetricStatisticsNeedsNamespaceMetricNamePeriodAndWindow() {
    refused(
        () ->
            Validation.check(statistics(null, "Duration", T0, T1, 60, List.of("Sum"), null, null)),
        ApiError.MISSING_PARAMETER,
        "The parameter Namespace is required.");
    refused(
        () ->
            Validation.check(statistics("AWS/Lambda", "", T0, T1, 60, List.of("Sum"), null, null)),
        ApiError.MISSING_PARAMETER,
        "The parameter MetricName is required.");
    refused(
        () -> Validation.check(statistics(null, List.of("Sum"))),
        ApiError.MISSING_PARAMETER,
        "The parameter Period is required.");
    refused(
        () ->
            Validation.check(
                statistics("AWS/Lambda", "Duration", null, T1, 60, List.of("Sum"), null, null)),
        ApiError.MISSING_PARAMETER,
        "The parameter StartTime is required.");
    refused(
        () ->
            Validation.check(
                statistics("AWS/Lambda", "Duration", T0, null, 60, List.of("Sum"), null, null)),
        ApiError.MISSING_PARAMETER,
        "The parameter EndTime is required.");
  }

  @Test
  void aPeriodIsAPositiveMultipleOfSixtyAndTheWindowEndsAfterItStarts() {
    for (int period : new int[] {0, -60, 30, 90}) {
      refused(
          () -> Validation.check(statistics(period, List.of("Sum"))),
          ApiError.INVALID_PARAMETER_VALUE,
          "The parameter Period must be a multiple of 60 (Outlet keeps one-minute resolution).");
    }
    refused(
        () ->
            Validation.check(
                statistics("AWS/Lambda", "Duration", T1, T0, 60, List.of("Sum"), null, null)),
        ApiError.INVALID_PARAMETER_VALUE,
        "The parameter StartTime must be less than the parameter EndTime.");
    refused(
        () -> Validation.check(data(List.of(query("a", stat("AWS/Lambda", "Errors", 45, "Sum"))))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The parameter Period must be a multiple of 60 (Outlet keeps one-minute resolution).");
  }

  @Test
  void statisticsAndPercentilesGoInTheirOwnListsAndOneIsNeeded() {
    refused(
        () -> Validation.check(statistics(60, List.of("p99"))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The parameter Statistics contains p99: percentiles go in ExtendedStatistics.");
    refused(
        () ->
            Validation.check(
                statistics("AWS/Lambda", "Duration", T0, T1, 60, null, List.of("Sum"), null)),
        ApiError.INVALID_PARAMETER_VALUE,
        "The parameter ExtendedStatistics contains Sum: use Statistics for it.");
    refused(
        () -> Validation.check(statistics(60, List.of("Median"))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The statistic Median is not supported: use SampleCount, Average, Sum, Minimum, Maximum or"
            + " a percentile p0.0 to p100.");
    refused(
        () -> Validation.check(statistics(60, List.of())),
        ApiError.INVALID_PARAMETER_COMBINATION,
        "Must specify either Statistics or ExtendedStatistics.");
  }

  @Test
  void moreThan1440DatapointsAreRefused() {
    assertThat(
            Validation.check(
                    statistics(
                        "AWS/Lambda",
                        "Duration",
                        T0,
                        T0.plusSeconds(86_400),
                        60,
                        List.of("Sum"),
                        null,
                        null))
                .periods()
                .count())
        .isEqualTo(1440);
    refused(
        () ->
            Validation.check(
                statistics(
                    "AWS/Lambda",
                    "Duration",
                    T0,
                    T0.plusSeconds(86_460),
                    60,
                    List.of("Sum"),
                    null,
                    null)),
        ApiError.INVALID_PARAMETER_COMBINATION,
        "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may"
            + " reduce the datapoints requested by increasing Period, or decreasing the time"
            + " range.");
  }

  @Test
  void aDimensionNeedsItsNameAndValue() {
    refused(
        () ->
            Validation.check(
                statistics(
                    "AWS/Lambda",
                    "Duration",
                    T0,
                    T1,
                    60,
                    List.of("Sum"),
                    null,
                    List.of(new Dimension("FunctionName", null)))),
        ApiError.MISSING_PARAMETER,
        "The parameter Value is required.");
    refused(
        () ->
            Validation.check(
                data(
                    List.of(
                        query(
                            "a",
                            new MetricStat(
                                new Metric("AWS/Lambda", "Errors", List.of(new Dimension("", "f"))),
                                60,
                                "Sum",
                                null))))),
        ApiError.MISSING_PARAMETER,
        "The parameter Name is required.");
  }

  @Test
  void getMetricDataNeedsOneTo500QueriesWithUniqueIds() {
    refused(
        () -> Validation.check(data(null)),
        ApiError.MISSING_PARAMETER,
        "The parameter MetricDataQueries is required.");
    List<MetricDataQuery> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add(query("q" + i, stat("AWS/Lambda", "Errors", 60, "Sum")));
    }
    refused(
        () -> Validation.check(data(many)),
        ApiError.INVALID_PARAMETER_VALUE,
        "The collection MetricDataQueries must not have a size greater than 500.");
    assertThat(Validation.check(data(many.subList(0, 500)))).hasSize(500);
    refused(
        () -> Validation.check(data(List.of(query(null, stat("AWS/Lambda", "Errors", 60, "Sum"))))),
        ApiError.MISSING_PARAMETER,
        "The parameter Id is required.");
    refused(
        () ->
            Validation.check(
                data(
                    List.of(
                        query("a", stat("AWS/Lambda", "Errors", 60, "Sum")),
                        query("a", stat("AWS/Lambda", "Errors", 60, "Sum"))))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The value a for Id is not unique.");
  }

  @Test
  void getMetricDataRefusesExpressionsAndNeedsAMetricStat() {
    refused(
        () ->
            Validation.check(
                data(
                    List.of(
                        new MetricDataQuery("m", null, "SUM(METRICS())", null, null, null, null)))),
        ApiError.INVALID_PARAMETER_VALUE,
        "Query m: Outlet does not evaluate metric math or Metrics Insights expressions;"
            + " use MetricStat.");
    refused(
        () -> Validation.check(data(List.of(query("a", null)))),
        ApiError.MISSING_PARAMETER,
        "The parameter MetricDataQueries.member.N.MetricStat is required.");
    refused(
        () -> Validation.check(data(List.of(query("a", new MetricStat(null, 60, "Sum", null))))),
        ApiError.MISSING_PARAMETER,
        "The parameter MetricStat.Metric is required.");
  }

  @Test
  void aMetricStatNeedsItsNamesStatPeriodAndTheRequestsWindow() {
    refused(
        () -> Validation.check(data(List.of(query("a", stat("AWS/Lambda", null, 60, "Sum"))))),
        ApiError.MISSING_PARAMETER,
        "The parameter MetricName is required.");
    refused(
        () -> Validation.check(data(List.of(query("a", stat("AWS/Lambda", "Errors", 60, ""))))),
        ApiError.MISSING_PARAMETER,
        "The parameter Stat is required.");
    refused(
        () -> Validation.check(data(List.of(query("a", stat("AWS/Lambda", "Errors", 60, "p101"))))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The statistic p101 is not supported: use SampleCount, Average, Sum, Minimum, Maximum or a"
            + " percentile p0.0 to p100.");
    refused(
        () ->
            Validation.check(data(List.of(query("a", stat("AWS/Lambda", "Errors", null, "Sum"))))),
        ApiError.MISSING_PARAMETER,
        "The parameter Period is required.");
    refused(
        () -> Validation.check(data(List.of(query("a", stat(null, "Errors", 60, "Sum"))))),
        ApiError.MISSING_PARAMETER,
        "The parameter Namespace is required.");
    refused(
        () ->
            Validation.check(
                new GetMetricDataInput(
                    List.of(query("a", stat("AWS/Lambda", "Errors", 60, "Sum"))),
                    T0,
                    null,
                    null,
                    null,
                    null,
                    null)),
        ApiError.MISSING_PARAMETER,
        "The parameter EndTime is required.");
  }

  @Test
  void aQueryThatReturnsNoDataIsCheckedAllTheSame() {
    MetricDataQuery hidden =
        new MetricDataQuery(
            "h", stat("AWS/Lambda", "Errors", 60, "Median"), null, null, false, null, null);
    refused(
        () -> Validation.check(data(List.of(hidden))),
        ApiError.INVALID_PARAMETER_VALUE,
        "The statistic Median is not supported: use SampleCount, Average, Sum, Minimum, Maximum or"
            + " a percentile p0.0 to p100.");
  }

  @Test
  void aListMetricsDimensionFilterNeedsItsNameButNotItsValue() {
    Validation.check(
        new ListMetricsInput(
            null,
            null,
            List.of(new DimensionFilter("FunctionName", null)),
            null,
            null,
            null,
            null));
    refused(
        () ->
            Validation.check(
                new ListMetricsInput(
                    null, null, List.of(new DimensionFilter(null, "f")), null, null, null, null)),
        ApiError.MISSING_PARAMETER,
        "The parameter Name is required.");
  }
}
