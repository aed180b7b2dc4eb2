package dev.outlet.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * EventBridge's constraints on request members, worded as AWS words them: the one place the request
 * records' {@link EventsRequests.Input#validate()} methods take their checks and messages from.
 * Pure functions; each throws {@link EventsException} or returns the checked value.
 */
final class EventsValidation {
  private static final Pattern RULE_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern TARGET_ID = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern BUS_NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]{1,256}");

  private EventsValidation() {}

  /** A rule's name in {@code member} ({@code Name} or {@code Rule}); absent reads as empty. */
  static String ruleName(String name, String member) {
    String value = name == null ? "" : name;
    if (!RULE_NAME.matcher(value).matches()) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + Character.toLowerCase(member.charAt(0))
              + member.substring(1)
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [\\.\\-_A-Za-z0-9]+");
    }
    return value;
  }

  /**
   * The name of the event bus a member names, by name or ARN; absent means the default bus. Whether
   * it exists is the operation's question.
   */
  static String busName(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      return Rule.DEFAULT_BUS;
    }
    int slash = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":event-bus/") : -1;
    String name = slash < 0 ? nameOrArn : nameOrArn.substring(slash + ":event-bus/".length());
    if (!BUS_NAME.matcher(name).matches()) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + nameOrArn
              + "' at 'eventBusName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+");
    }
    return name;
  }

  /** CreateEventBus's name: AWS's pattern, not {@code default}. */
  static void newBusName(String name) {
    String value = name == null ? "" : name;
    if (!BUS_NAME.matcher(value).matches() || value.length() > 256) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + value
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: [/\\.\\-_A-Za-z0-9]+");
    }
  }

  /**
   * A rule matches events (a valid pattern), fires on a schedule (a valid expression, on the
   * default bus only), or both.
   */
  static void ruleKind(String eventPattern, String expression, String bus) {
    if (eventPattern == null && expression == null) {
      throw EventsException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (eventPattern != null) {
      pattern(eventPattern);
    }
    if (expression != null) {
      if (!busName(bus).equals(Rule.DEFAULT_BUS)) {
        throw EventsException.validation(
            "ScheduleExpression is supported only on the default event bus.");
      }
      try {
        ScheduleExpression.parse(expression);
      } catch (IllegalArgumentException e) {
        throw EventsException.validation("Parameter ScheduleExpression is not valid.");
      }
    }
  }

  /** An event pattern, parsed (AWS's InvalidEventPatternException when it is not one). */
  static dev.outlet.events.pattern.EventPattern pattern(String eventPattern) {
    try {
      return dev.outlet.events.pattern.EventPattern.parse(eventPattern);
    } catch (dev.outlet.events.pattern.InvalidEventPatternException e) {
      throw new EventsException("InvalidEventPatternException", 400, e.getMessage());
    }
  }

  /** A required string member. */
  static void required(String value, String member) {
    if (value == null) {
      throw EventsException.validation(
          "1 validation error detected: Value null at '"
              + Character.toLowerCase(member.charAt(0))
              + member.substring(1)
              + "' failed to satisfy constraint: Member must not be null");
    }
  }

  /** PutEvents' entries: 1 to 10. */
  static void entries(List<EventsRequests.PutEventsEntry> entries) {
    if (entries == null || entries.isEmpty() || entries.size() > 10) {
      throw EventsException.validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
  }

  /** A rule's state; absent means {@code ENABLED}. */
  static void state(String state) {
    if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + state
              + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [ENABLED, DISABLED]");
    }
  }

  /** PutTargets' list: 1 to 10 targets, each with an id and an ARN. */
  static void targets(List<EventsRequests.Target> targets) {
    if (targets == null || targets.isEmpty() || targets.size() > 10) {
      throw EventsException.validation(
          "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    for (EventsRequests.Target t : targets) {
      if (t == null
          || t.id() == null
          || !TARGET_ID.matcher(t.id()).matches()
          || t.arn() == null
          || t.arn().isEmpty()) {
        throw EventsException.validation(
            "Parameter(s) Id and Arn must be specified for every target.");
      }
      int inputs =
          (t.input() != null ? 1 : 0)
              + (t.inputPath() != null ? 1 : 0)
              + (t.inputTransformer() != null ? 1 : 0);
      if (inputs > 1) {
        throw EventsException.validation(
            "Only one of Input, InputPath, or InputTransformer must be provided.");
      }
      if (t.inputPath() != null && !JsonPaths.valid(t.inputPath())) {
        throw EventsException.validation("InputPath for target " + t.id() + " is invalid.");
      }
      if (t.inputTransformer() != null) {
        if (t.inputTransformer().inputTemplate() == null) {
          throw EventsException.validation(
              "1 validation error detected: Value null at"
                  + " 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy"
                  + " constraint: Member must not be null");
        }
        var paths = t.inputTransformer().inputPathsMap();
        if (paths != null) {
          for (var path : paths.values()) {
            if (!JsonPaths.valid(path)) {
              throw EventsException.validation(
                  "InputTransformer for target " + t.id() + " is invalid: " + path);
            }
          }
        }
      }
    }
  }

  /** RemoveTargets' ids: at least one. */
  static void ids(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw EventsException.validation("Parameter Ids must be specified.");
    }
  }
}
