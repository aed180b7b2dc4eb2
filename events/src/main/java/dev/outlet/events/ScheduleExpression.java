package dev.outlet.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, {@code rate(value unit)} or {@code cron(6 fields)}, in UTC.
 * Immutable and pure: {@link #next} is a function of its arguments.
 */
public sealed interface ScheduleExpression {

  Pattern RATE =
      Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
  Pattern CRON = Pattern.compile("cron\\((.*)\\)");

  /**
   * The first fire time strictly after {@code after}, or null when there is none (a cron whose
   * years are all past).
   *
   * @param anchor when the rule was created: a rate counts its periods from there
   */
  Instant next(Instant anchor, Instant after);

  /** The expression as written. */
  String text();

  /**
   * @throws IllegalArgumentException when the expression is not valid (AWS answers "Parameter
   *     ScheduleExpression is not valid.")
   */
  static ScheduleExpression parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no expression");
    }
    String t = text.trim();
    Matcher r = RATE.matcher(t);
    if (r.matches()) {
      long value;
      try {
        value = Long.parseLong(r.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("rate value too large");
      }
      String unit = r.group(2);
      if (value <= 0 || (value == 1) == unit.endsWith("s")) {
        throw new IllegalArgumentException(
            "rate: the unit is singular for 1 and plural otherwise, and the value positive");
      }
      Duration period;
      try {
        period =
            switch (unit.charAt(0)) {
              case 'm' -> Duration.ofMinutes(value);
              case 'h' -> Duration.ofHours(value);
              default -> Duration.ofDays(value);
            };
        period.toMillis(); // Rate.next counts in milliseconds
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("rate value too large");
      }
      return new Rate(t, period);
    }
    Matcher c = CRON.matcher(t);
    if (c.matches()) {
      return new Cron(t, CronFields.parse(c.group(1).trim().toUpperCase(Locale.ROOT)));
    }
    throw new IllegalArgumentException("neither rate(...) nor cron(...)");
  }

  /** {@code rate(...)}: fires at anchor + k × period, k ≥ 1 (AWS: "starts when you create"). */
  record Rate(String text, Duration period) implements ScheduleExpression {
    @Override
    public Instant next(Instant anchor, Instant after) {
      long p = period.toMillis();
      long elapsed = after.toEpochMilli() - anchor.toEpochMilli();
      long k = elapsed < 0 ? 1 : elapsed / p + 1;
      return anchor.plusMillis(k * p);
    }
  }

  /** {@code cron(...)}: the first matching minute after. */
  record Cron(String text, CronFields fields) implements ScheduleExpression {
    @Override
    public Instant next(Instant anchor, Instant after) {
      return fields.next(after);
    }
  }
}
