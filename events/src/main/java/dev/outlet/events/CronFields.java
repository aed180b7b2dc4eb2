package dev.outlet.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Map;

/**
 * The six fields of an EventBridge cron expression: minutes, hours, day-of-month, month,
 * day-of-week, year. Supports {@code , - * /} in every field, {@code ?} in either day field (one of
 * them must be {@code ?}), {@code L} and {@code nW} in day-of-month, {@code L}, {@code nL} and
 * {@code n#k} in day-of-week (1 = Sunday ... 7 = Saturday, or SUN-SAT), months JAN-DEC, years
 * 1970-2199. Immutable.
 */
public final class CronFields {
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

  private final BitSet minutes;
  private final BitSet hours;
  private final String dayOfMonth;
  private final BitSet days;
  private final BitSet months;
  private final String dayOfWeek;
  private final BitSet weekdays;
  private final BitSet years;

  private CronFields(String[] f) {
    minutes = set(f[0], 0, 59, Map.of());
    hours = set(f[1], 0, 23, Map.of());
    months = set(f[3], 1, 12, MONTHS);
    years = set(f[5], 1970, 2199, Map.of());
    dayOfMonth = f[2];
    dayOfWeek = f[4];
    boolean domAny = f[2].equals("?");
    boolean dowAny = f[4].equals("?");
    if (domAny == dowAny) {
      throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?");
    }
    days = domAny || special(f[2]) ? null : set(f[2], 1, 31, Map.of());
    weekdays = dowAny || special(f[4]) ? null : set(f[4], 1, 7, DAYS);
    if (!domAny && special(f[2]) && !f[2].matches("L|LW|([1-9]|[12]\\d|3[01])W")) {
      throw new IllegalArgumentException("day-of-month: " + f[2]);
    }
    if (!dowAny && special(f[4]) && !f[4].matches("L|[1-7]L|[1-7]#[1-5]")) {
      throw new IllegalArgumentException("day-of-week: " + f[4]);
    }
  }

  static CronFields parse(String text) {
    String[] f = text.split("\\s+");
    if (f.length != 6) {
      throw new IllegalArgumentException("cron needs 6 fields");
    }
    return new CronFields(f);
  }

  private static boolean special(String field) {
    return field.contains("L") || field.contains("W") || field.contains("#");
  }

  private static BitSet set(String field, int min, int max, Map<String, Integer> names) {
    BitSet out = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, Map.of());
        range = part.substring(0, slash);
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ab = range.split("-", 2);
        lo = number(ab[0], min, max, names);
        hi = number(ab[1], min, max, names);
      } else {
        lo = number(range, min, max, names);
        hi = slash >= 0 ? max : lo;
      }
      if (lo > hi) {
        throw new IllegalArgumentException("range " + range);
      }
      for (int v = lo; v <= hi; v += step) {
        out.set(v);
      }
    }
    return out;
  }

  private static int number(String s, int min, int max, Map<String, Integer> names) {
    Integer named = names.get(s);
    int v;
    if (named != null) {
      v = named;
    } else {
      try {
        v = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: " + s);
      }
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(s + " is outside " + min + "-" + max);
    }
    return v;
  }

  /** The first matching minute strictly after {@code after}, within 200 years; else null. */
  Instant next(Instant after) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
    LocalDate day = t.toLocalDate();
    LocalDate end = LocalDate.of(2200, 1, 1);
    while (day.isBefore(end)) {
      if (!years.get(day.getYear())) {
        day = LocalDate.of(day.getYear() + 1, 1, 1);
        continue;
      }
      if (!months.get(day.getMonthValue())) {
        day = day.withDayOfMonth(1).plusMonths(1);
        continue;
      }
      if (dayMatches(day)) {
        int fromMinute = day.equals(t.toLocalDate()) ? t.getHour() * 60 + t.getMinute() : 0;
        for (int m = fromMinute; m < 24 * 60; m++) {
          if (hours.get(m / 60) && minutes.get(m % 60)) {
            return day.atStartOfDay().plusMinutes(m).toInstant(ZoneOffset.UTC);
          }
        }
      }
      day = day.plusDays(1);
    }
    return null;
  }

  private boolean dayMatches(LocalDate d) {
    if (!dayOfMonth.equals("?")) {
      if (days != null) {
        return days.get(d.getDayOfMonth());
      }
      LocalDate last = d.with(TemporalAdjusters.lastDayOfMonth());
      if (dayOfMonth.equals("L")) {
        return d.equals(last);
      }
      if (dayOfMonth.equals("LW")) {
        return d.equals(nearestWeekday(last, last.getDayOfMonth()));
      }
      int n = Integer.parseInt(dayOfMonth.substring(0, dayOfMonth.length() - 1));
      return n <= last.getDayOfMonth() && d.equals(nearestWeekday(d.withDayOfMonth(n), n));
    }
    int dow = d.getDayOfWeek().getValue() % 7 + 1; // SUN=1 ... SAT=7
    if (weekdays != null) {
      return weekdays.get(dow);
    }
    if (dayOfWeek.equals("L")) {
      return dow == 7;
    }
    int wanted = dayOfWeek.charAt(0) - '0';
    if (dow != wanted) {
      return false;
    }
    if (dayOfWeek.endsWith("L")) {
      return d.plusWeeks(1).getMonthValue() != d.getMonthValue();
    }
    int k = dayOfWeek.charAt(2) - '0';
    return (d.getDayOfMonth() - 1) / 7 + 1 == k;
  }

  /** The weekday nearest to {@code d} within its month (a Saturday moves back, a Sunday on). */
  private static LocalDate nearestWeekday(LocalDate d, int n) {
    DayOfWeek w = d.getDayOfWeek();
    if (w == DayOfWeek.SATURDAY) {
      return n == 1 ? d.plusDays(2) : d.minusDays(1);
    }
    if (w == DayOfWeek.SUNDAY) {
      return d.plusDays(1).getMonthValue() == d.getMonthValue() ? d.plusDays(1) : d.minusDays(2);
    }
    return d;
  }
}
