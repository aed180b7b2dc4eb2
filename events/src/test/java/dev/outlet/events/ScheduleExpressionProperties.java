package dev.outlet.events;

import dev.outlet.edge.testkit.Fuzz;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Schedule expressions (PutRule's {@code ScheduleExpression}): a mutated expression parses or is an
 * {@link IllegalArgumentException} (AWS's ValidationException "Parameter ScheduleExpression is not
 * valid."), and a parsed one computes its next fire time, or none, from any moment without throwing
 * (the scheduler computes it on a timer thread, long after PutRule answered).
 */
class ScheduleExpressionProperties {
  private static final List<String> SAMPLES =
      List.of(
          "rate(5 minutes)",
          "rate(1 day)",
          "rate(12 hours)",
          "cron(0 12 * * ? *)",
          "cron(15 10 ? * 6L 2022-2030)",
          "cron(0/5 8-17 ? * MON-FRI *)",
          "cron(0 0 LW * ? *)",
          "cron(0 9 ? * 2#1 *)",
          "cron(0 18 15W JAN,JUL ? *)");

  private static final Instant ANCHOR = Instant.parse("2026-12-04T10:15:00Z");

  @Provide
  Arbitrary<String> expressions() {
    return Fuzz.textMutationsOf(SAMPLES);
  }

  @Provide
  Arbitrary<Instant> moments() {
    return Arbitraries.longs()
        .between(-62_000_000_000L, 7_000_000_000L)
        .map(Instant::ofEpochSecond);
  }

  private static void check(String text, Instant after) {
    if (Fuzz.run(text, () -> ScheduleExpression.parse(text), IllegalArgumentException.class)
        instanceof Fuzz.Outcome.Parsed<ScheduleExpression> parsed) {
      Fuzz.run(text + " after " + after, () -> parsed.value().next(ANCHOR, after));
    }
  }

  @Property(tries = 500)
  void aMutatedExpressionParsesOrIsInvalidAndThenAlwaysHasANextTime(
      @ForAll("expressions") String text, @ForAll("moments") Instant after) {
    check(text, after);
  }

  @Example
  void theCommittedCorpusIsHandled() {
    for (String text : Fuzz.textCorpus(getClass(), "/fuzz-corpus/schedule-expressions.txt")) {
      check(text, ANCHOR);
      check(text, ANCHOR.plusSeconds(86_400L * 365 * 150));
    }
  }
}
