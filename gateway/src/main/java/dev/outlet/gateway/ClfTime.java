package dev.outlet.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * API Gateway's request time, {@code 27/Nov/2026:04:58:29 +0000}, formatted once per second: every
 * event and access-log line of the second shares the text (a formatter run costs more than the rest
 * of an access-log line). Thread-safe: the cache is one immutable pair behind a volatile.
 */
final class ClfTime {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private record Second(long epochSecond, String text) {}

  private static volatile Second last = new Second(Long.MIN_VALUE, "");

  private ClfTime() {}

  static String format(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    Second s = last;
    if (s.epochSecond() != second) {
      s = new Second(second, CLF.format(Instant.ofEpochSecond(second)));
      last = s;
    }
    return s.text();
  }
}
