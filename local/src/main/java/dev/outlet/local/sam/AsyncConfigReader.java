package dev.outlet.local.sam;

import dev.outlet.local.sam.SamReader.Warnings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a function's {@code DeadLetterQueue} and {@code EventInvokeConfig}, already resolved, with
 * Globals.Function's merged in key by key (the function's keys win). What Outlet cannot do is
 * warned about and left out; nothing here fails the template.
 */
final class AsyncConfigReader {
  private static final Set<String> DEAD_LETTER = Set.of("Type", "TargetArn");
  private static final Set<String> DEAD_LETTER_TYPES = Set.of("SQS", "SNS");
  private static final Set<String> INVOKE_CONFIG =
      Set.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig");
  private static final Set<String> DESTINATIONS = Set.of("OnSuccess", "OnFailure");
  private static final Set<String> DESTINATION = Set.of("Type", "Destination");
  private static final Set<String> DESTINATION_TYPES =
      Set.of("SQS", "SNS", "Lambda", "EventBridge", "S3");

  private AsyncConfigReader() {}

  /** The shallow merge SAM makes of a Globals mapping with the function's. */
  static Map<String, Object> merge(Object global, Object own) {
    Map<String, Object> m = new LinkedHashMap<>(SamReader.map(global));
    m.putAll(SamReader.map(own));
    return m;
  }

  /**
   * @return the dead-letter queue's ARN, or null when none (or it cannot be used)
   */
  static String deadLetter(Map<String, Object> dlq, String at, Warnings warnings) {
    if (dlq.isEmpty()) {
      return null;
    }
    unknownKeys(dlq, DEAD_LETTER, at, warnings);
    String type = String.valueOf(dlq.get("Type"));
    if (!DEAD_LETTER_TYPES.contains(type)) {
      warnings.add(at + "Type: " + type + " is not SQS or SNS, dead-letter queue ignored");
      return null;
    }
    if (dlq.get("TargetArn") == null) {
      warnings.add(at + "TargetArn: missing, dead-letter queue ignored");
      return null;
    }
    return String.valueOf(dlq.get("TargetArn"));
  }

  /**
   * @return the event invoke config, or null when none (or nothing of it can be set)
   */
  static SamInvokeConfig invokeConfig(Map<String, Object> config, String at, Warnings warnings)
      throws TemplateException {
    if (config.isEmpty()) {
      return null;
    }
    unknownKeys(config, INVOKE_CONFIG, at, warnings);
    Map<String, Object> destinations = SamReader.map(config.get("DestinationConfig"));
    unknownKeys(destinations, DESTINATIONS, at + "DestinationConfig.", warnings);
    String dest = at + "DestinationConfig.";
    SamInvokeConfig c =
        new SamInvokeConfig(
            number(config.get("MaximumRetryAttempts"), at + "MaximumRetryAttempts"),
            number(config.get("MaximumEventAgeInSeconds"), at + "MaximumEventAgeInSeconds"),
            destination(destinations.get("OnSuccess"), dest + "OnSuccess.", warnings),
            destination(destinations.get("OnFailure"), dest + "OnFailure.", warnings));
    if (c.equals(new SamInvokeConfig(null, null, null, null))) {
      warnings.add(at.substring(0, at.length() - 1) + ": nothing Outlet can set, ignored");
      return null;
    }
    return c;
  }

  private static String destination(Object value, String at, Warnings warnings) {
    Map<String, Object> d = SamReader.map(value);
    if (d.isEmpty()) {
      return null;
    }
    unknownKeys(d, DESTINATION, at, warnings);
    String type = String.valueOf(d.get("Type"));
    if (!DESTINATION_TYPES.contains(type)) {
      warnings.add(at + "Type: " + type + " is not SQS, SNS, Lambda, EventBridge or S3, skipped");
      return null;
    }
    if (d.get("Destination") == null) {
      warnings.add(
          at
              + "Destination: missing; SAM would create a "
              + type
              + " destination, Outlet does not: destination skipped");
      return null;
    }
    return String.valueOf(d.get("Destination"));
  }

  private static Integer number(Object v, String at) throws TemplateException {
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(at + ": '" + v + "' is not a whole number");
    }
  }

  private static void unknownKeys(
      Map<String, Object> m, Set<String> known, String at, Warnings warnings) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        warnings.add(at + k + ": not supported by Outlet, ignored");
      }
    }
  }
}
