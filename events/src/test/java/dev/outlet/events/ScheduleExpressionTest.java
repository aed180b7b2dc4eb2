package dev.outlet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void aRateFiresWholePeriodsAfterTheRuleWasCreated() {
    ScheduleExpression e = ScheduleExpression.parse("rate(1 minute)");
    Instant created = at("2026-11-27T03:00:20.500Z");
    assertThat(e.next(created, created)).isEqualTo(at("2026-11-27T03:01:20.500Z"));
    assertThat(e.next(created, at("2026-11-27T03:01:20.499Z")))
        .isEqualTo(at("2026-11-27T03:01:20.500Z"));
    assertThat(e.next(created, at("2026-11-27T03:01:20.500Z")))
        .isEqualTo(at("2026-11-27T03:02:20.500Z"));
    assertThat(e.next(created, at("2026-11-27T05:00:00Z")))
        .isEqualTo(at("2026-11-27T05:00:20.500Z"));
    assertThat(ScheduleExpression.parse("rate(5 minutes)").next(created, created))
        .isEqualTo(at("2026-11-27T03:05:20.500Z"));
    assertThat(ScheduleExpression.parse("rate(2 hours)").next(created, created))
        .isEqualTo(at("2026-11-27T05:00:20.500Z"));
    assertThat(ScheduleExpression.parse("rate(1 day)").next(created, created))
        .isEqualTo(at("2026-11-28T03:00:20.500Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // expression | after | next
        "cron(0 12 * * ? *)        | 2026-11-27T03:00:00Z | 2026-11-27T12:00:00Z",
        "cron(0 12 * * ? *)        | 2026-11-27T12:00:00Z | 2026-11-28T12:00:00Z",
        "cron(0/15 * * * ? *)      | 2026-11-27T03:07:59Z | 2026-11-27T03:15:00Z",
        "cron(* * * * ? *)         | 2026-11-27T03:07:59Z | 2026-11-27T03:08:00Z",
        "cron(0 18 ? * MON-FRI *)  | 2026-11-27T18:00:00Z | 2026-11-30T18:00:00Z",
        "cron(0 8 1 * ? *)         | 2026-11-27T00:00:00Z | 2026-12-01T08:00:00Z",
        "cron(15 10 ? * 6L 2026)   | 2026-11-01T00:00:00Z | 2026-11-27T10:15:00Z",
        "cron(0 0 L * ? *)         | 2026-02-03T00:00:00Z | 2026-02-28T00:00:00Z",
        "cron(0 9 ? * 2#1 *)       | 2026-11-27T00:00:00Z | 2026-12-07T09:00:00Z",
        "cron(0 9 15W * ? *)       | 2026-11-01T00:00:00Z | 2026-11-16T09:00:00Z",
        "cron(0 9 1W * ? *)        | 2026-08-01T10:00:00Z | 2026-08-03T09:00:00Z",
        "cron(0 9 1W * ? *)        | 2026-08-03T10:00:00Z | 2026-09-01T09:00:00Z",
        "cron(0 9 LW * ? *)        | 2026-05-01T00:00:00Z | 2026-05-29T09:00:00Z",
        "cron(30 6 ? JAN,JUL SUN *) | 2026-11-27T00:00:00Z | 2027-01-03T06:30:00Z",
        "cron(0 10 * * ? 2030)     | 2026-11-27T00:00:00Z | 2030-01-01T10:00:00Z",
      })
  void cronFindsTheNextMatchingMinuteInUtc(String expr, String after, String next) {
    assertThat(ScheduleExpression.parse(expr.trim()).next(Instant.EPOCH, at(after.trim())))
        .isEqualTo(at(next.trim()));
  }

  @Test
  void aCronWhoseYearsArePastNeverFiresAgain() {
    assertThat(
            ScheduleExpression.parse("cron(0 10 * * ? 2020)")
                .next(Instant.EPOCH, at("2026-01-01T00:00:00Z")))
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(0 minutes)",
        "rate(5 seconds)",
        "rate(-1 minute)",
        "cron(0 12 * * * *)",
        "cron(0 12 ? * ? *)",
        "cron(0 12 * *)",
        "cron(60 12 * * ? *)",
        "cron(0 24 * * ? *)",
        "cron(0 12 32 * ? *)",
        "cron(0 12 ? * 8 *)",
        "cron(0 12 ? * 2#6 *)",
        "cron(0 12 * * ? 1969)",
        "cron(a b c d e f)",
        "every 5 minutes",
        "rate(9223372036854775807 minutes)", // overflowed the scheduler's arithmetic
        "rate(106751991167301 days)",
        ""
      })
  void refusesWhatEventBridgeRefuses(String expr) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expr))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
