package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.AwsException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of request parameters from a request tree, whichever protocol built it: numbers and
 * timestamps arrive as strings from a form, as numbers from JSON and CBOR. Failures are {@link
 * ApiError}s with CloudWatch's wording. Pure.
 */
final class Input {
  private Input() {}

  static String text(JsonNode in, String field) {
    JsonNode n = in.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  static String requiredText(JsonNode in, String field) {
    String v = text(in, field);
    if (v == null || v.isEmpty()) {
      throw missing(field);
    }
    return v;
  }

  static int requiredInt(JsonNode in, String field) {
    String v = requiredText(in, field);
    try {
      return (int) Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter " + field + " must be a number, got " + v + ".");
    }
  }

  /** An ISO-8601 timestamp (UTC unless an offset is given) or epoch seconds. */
  static Instant requiredTime(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull() || n.asText().isEmpty()) {
      throw missing(field);
    }
    if (n.isNumber()) {
      return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
    }
    String v = n.asText().trim();
    try {
      if (v.matches("\\d+(\\.\\d+)?")) {
        return Instant.ofEpochMilli(Math.round(Double.parseDouble(v) * 1000));
      }
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ApiError.INVALID_PARAMETER_VALUE.with(
          "The parameter " + field + " must be an ISO 8601 timestamp, got " + v + ".");
    }
  }

  /** The elements of a list parameter; empty when absent or sent as an empty value. */
  static List<JsonNode> list(JsonNode in, String field) {
    JsonNode n = in.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  static List<String> texts(JsonNode in, String field) {
    List<String> out = new ArrayList<>();
    list(in, field).forEach(n -> out.add(n.asText()));
    return out;
  }

  static AwsException missing(String field) {
    return ApiError.MISSING_PARAMETER.with("The parameter " + field + " is required.");
  }
}
