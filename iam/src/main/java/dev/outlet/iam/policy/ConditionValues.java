package dev.outlet.iam.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reading condition values as numbers and dates. A value that does not read is no match (never an
 * exception): AWS evaluates such a condition as false rather than failing the request.
 */
final class ConditionValues {
  private ConditionValues() {}

  /** An integer or decimal, or null. */
  static BigDecimal number(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 64) {
      return null;
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * An ISO 8601 date or date-time ({@code 2026-12-04}, {@code 2026-12-04T10:00:00Z}, with an
   * offset, or without one for UTC) or epoch seconds ({@code 1796378400}), or null.
   */
  static Instant date(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 64) {
      return null;
    }
    if (epoch(trimmed)) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(trimmed));
      } catch (NumberFormatException | DateTimeException e) {
        return null;
      }
    }
    try {
      if (trimmed.length() == 10) {
        return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      char last = trimmed.charAt(trimmed.length() - 1);
      if (last == 'Z' || last == 'z') {
        return Instant.parse(trimmed.substring(0, trimmed.length() - 1) + "Z");
      }
      if (hasOffset(trimmed)) {
        return OffsetDateTime.parse(trimmed).toInstant();
      }
      return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean epoch(String text) {
    int start = text.charAt(0) == '-' ? 1 : 0;
    if (start == text.length() || text.length() > 19) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasOffset(String text) {
    int t = text.indexOf('T');
    return t >= 0 && (text.indexOf('+', t) >= 0 || text.indexOf('-', t) >= 0);
  }

  /** How {@code actual} stands to {@code expected}, as a {@link Comparable#compareTo} sign. */
  static <T extends Comparable<T>> boolean satisfies(
      ConditionOperator.Comparison comparison, T actual, T expected) {
    int sign = actual.compareTo(expected);
    return switch (comparison) {
      case EQUAL -> sign == 0;
      case LESS -> sign < 0;
      case LESS_OR_EQUAL -> sign <= 0;
      case GREATER -> sign > 0;
      case GREATER_OR_EQUAL -> sign >= 0;
    };
  }
}
