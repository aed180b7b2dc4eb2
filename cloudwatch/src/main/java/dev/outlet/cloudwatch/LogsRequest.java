package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's JSON members, read with CloudWatch's checks: a member of the wrong JSON type is a
 * {@code SerializationException}, a value out of its range an {@code InvalidParameterException}
 * worded as AWS's validation errors. Immutable.
 *
 * @param body the request object
 * @param region the region of the request's credential scope, or Outlet's default
 * @param account Outlet's account id
 */
record LogsRequest(JsonNode body, String region, String account) {

  /** A string member, or null when absent or JSON null. */
  String string(String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw LogsException.serialization("'" + name + "' must be a string");
    }
    return n.textValue();
  }

  /** A string member that must be present and non-empty. */
  String required(String name) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      throw invalidValue(s, name, "Member must not be null and must have length greater than 0");
    }
    return s;
  }

  /** A whole-number member, or {@code fallback} when absent. */
  long longValue(String name, long fallback) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw LogsException.serialization("'" + name + "' must be a whole number");
    }
    return n.longValue();
  }

  /** A whole-number member within {@code [min, max]}, or {@code fallback} when absent. */
  int intInRange(String name, int min, int max, int fallback) {
    long v = longValue(name, fallback);
    if (v < min) {
      throw invalidValue(v, name, "Member must have value greater than or equal to " + min);
    }
    if (v > max) {
      throw invalidValue(v, name, "Member must have value less than or equal to " + max);
    }
    return (int) v;
  }

  boolean bool(String name, boolean fallback) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw LogsException.serialization("'" + name + "' must be a boolean");
    }
    return n.booleanValue();
  }

  /** A list-of-strings member, or null when absent. */
  List<String> strings(String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw LogsException.serialization("'" + name + "' must be a list");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        throw LogsException.serialization("'" + name + "' must hold strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /**
   * The log group named by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an ARN,
   * with or without its trailing {@code :*}).
   */
  String groupName() {
    String name = string("logGroupName");
    String identifier = string("logGroupIdentifier");
    if (name != null && identifier != null) {
      throw LogsException.invalid(
          "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (identifier != null) {
      return Arns.groupOf(identifier);
    }
    if (name == null || name.isEmpty()) {
      throw LogsException.invalid("Should provide either log group name or log group arn.");
    }
    return name;
  }

  /** AWS's wording of a constraint violation. */
  static LogsException invalidValue(Object value, String member, String constraint) {
    return LogsException.invalid(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
