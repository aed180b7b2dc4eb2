package dev.outlet.api;

import dev.outlet.core.LambdaException;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS's constraints on alias names, versions, descriptions and routing weights. Pure. */
final class AliasRules {
  private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  private static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");

  private AliasRules() {}

  static void name(String name) {
    if (name == null || name.isEmpty()) {
      throw LambdaException.validation(
          name == null ? "null" : "", "name", "Member must have length greater than or equal to 1");
    }
    if (name.length() > 128) {
      throw LambdaException.validation(
          name, "name", "Member must have length less than or equal to 128");
    }
    if (!NAME.matcher(name).matches()) {
      throw LambdaException.validation(
          name, "name", "Member must satisfy regular expression pattern: " + NAME.pattern());
    }
  }

  static void version(String version) {
    if (version == null || version.isEmpty()) {
      throw LambdaException.validation(
          version == null ? "null" : "",
          "functionVersion",
          "Member must have length greater than or equal to 1");
    }
    if (version.length() > 1024 || !VERSION.matcher(version).matches()) {
      throw LambdaException.validation(
          version,
          "functionVersion",
          "Member must satisfy regular expression pattern: " + VERSION.pattern());
    }
  }

  static String description(String description) {
    if (description != null && description.length() > 256) {
      throw LambdaException.validation(
          description, "description", "Member must have length less than or equal to 256");
    }
    return description == null ? "" : description;
  }

  /** At most one additional version, a number, weighted 0.0 to 1.0. */
  static Map<String, Double> weights(Map<String, Double> weights) {
    if (weights.size() > 1) {
      throw LambdaException.invalidParameter(
          "Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getKey() == null || !e.getKey().matches("[0-9]+") || e.getKey().length() > 1024) {
        throw LambdaException.validation(
            String.valueOf(e.getKey()),
            "routingConfig.additionalVersionWeights",
            "Map keys must satisfy constraint: [Member must satisfy regular expression pattern:"
                + " [0-9]+]");
      }
      Double w = e.getValue();
      if (w == null || w.isNaN() || w < 0.0 || w > 1.0) {
        throw LambdaException.validation(
            String.valueOf(w),
            "routingConfig.additionalVersionWeights",
            "Map value must satisfy constraint: [Member must have value less than or equal to 1.0,"
                + " Member must have value greater than or equal to 0.0]");
      }
    }
    return Map.copyOf(weights);
  }
}
