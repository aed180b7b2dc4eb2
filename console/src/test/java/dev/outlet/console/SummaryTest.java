package dev.outlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.metrics.Aggregate;
import dev.outlet.metrics.LambdaMetric;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static Aggregate of(double... values) {
    Aggregate a = new Aggregate();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  @Test
  void minutesFallInTheirPeriodAndTotalsCoverTheWindow() {
    Map<LambdaMetric, NavigableMap<Long, Aggregate>> minutes = new EnumMap<>(LambdaMetric.class);
    minutes.put(
        LambdaMetric.INVOCATIONS, new TreeMap<>(Map.of(100L, of(1, 1), 103L, of(1), 106L, of(1))));
    minutes.put(
        LambdaMetric.COLD_STARTS, new TreeMap<>(Map.of(100L, of(1, 0), 103L, of(0), 106L, of(0))));
    minutes.put(LambdaMetric.DURATION, new TreeMap<>(Map.of(100L, of(10, 20), 106L, of(30))));
    minutes.put(
        LambdaMetric.CONCURRENT_EXECUTIONS, new TreeMap<>(Map.of(100L, of(2), 106L, of(5))));
    minutes.put(LambdaMetric.ESTIMATED_COST, new TreeMap<>(Map.of(100L, of(1e-7, 2e-7))));
    Summary s = Summary.of(100, 110, 5, minutes, Map.of());
    assertThat(s.periodSeconds()).isEqualTo(300);
    assertThat(s.start()).isEqualTo(100 * 60_000L);
    // minutes 100..104 and 105..109
    assertThat(s.series().get("invocations"))
        .containsExactly(new Summary.Point(100 * 60_000L, 3), new Summary.Point(105 * 60_000L, 1));
    assertThat(s.series().get("concurrency"))
        .extracting(Summary.Point::v)
        .containsExactly(2.0, 5.0);
    // a cost of a fraction of a cent is not rounded away
    assertThat(s.series().get("estimatedCost").get(0).v())
        .isEqualTo(3e-7, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.totals().invocations()).isEqualTo(4);
    assertThat(s.totals().coldStarts()).isEqualTo(1);
    assertThat(s.totals().maxConcurrency()).isEqualTo(5);
    assertThat(s.totals().durationP99()).isBetween(29.5, 30.5);
    assertThat(s.totals().initDurationP50()).isNull();
    assertThat(s.series().get("throttles")).isEmpty();
  }

  @Test
  void functionsAreListedBusiestFirstThrottledOnesIncluded() {
    Map<LambdaMetric, Map<String, Aggregate>> per = new EnumMap<>(LambdaMetric.class);
    per.put(LambdaMetric.INVOCATIONS, Map.of("a", of(1, 1), "b", of(1, 1, 1)));
    per.put(LambdaMetric.ERRORS, Map.of("a", of(1, 0), "b", of(0, 0, 0)));
    per.put(LambdaMetric.THROTTLES, Map.of("c", of(1, 1)));
    per.put(LambdaMetric.DURATION, Map.of("a", of(10, 30)));
    Summary s = Summary.of(0, 15, 1, Map.of(), per);
    assertThat(s.functions())
        .extracting(Summary.FunctionTotals::name)
        .containsExactly("b", "a", "c");
    assertThat(s.functions().get(1).errors()).isEqualTo(1);
    assertThat(s.functions().get(1).durationAverage()).isEqualTo(20);
    assertThat(s.functions().get(2).throttles()).isEqualTo(2);
  }

  @Test
  void periodsGrowWithTheWindow() {
    assertThat(Summary.periodMinutes(15)).isEqualTo(1);
    assertThat(Summary.periodMinutes(180)).isEqualTo(1);
    assertThat(Summary.periodMinutes(720)).isEqualTo(5);
    assertThat(Summary.periodMinutes(1440)).isEqualTo(60);
    assertThat(Summary.periodMinutes(21600)).isEqualTo(60);
  }
}
