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

  /** The event bus: Outlet has only the default one, by name or ARN; absent means it. */
  static void bus(String name) {
    String bus = name == null ? "default" : name;
    if (!bus.equals("default") && !bus.endsWith(":event-bus/default")) {
      throw new EventsException(
          "ResourceNotFoundException", 400, "Event bus " + bus + " does not exist.");
    }
  }

  /** Outlet's rules are scheduled rules: a valid schedule expression and no event pattern. */
  static void schedule(String eventPattern, String expression) {
    if (eventPattern != null) {
      throw EventsException.validation(
          "Outlet supports scheduled rules only: EventPattern is not supported.");
    }
    if (expression == null) {
      throw EventsException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    try {
      ScheduleExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      throw EventsException.validation("Parameter ScheduleExpression is not valid.");
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
    }
  }

  /** RemoveTargets' ids: at least one. */
  static void ids(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw EventsException.validation("Parameter Ids must be specified.");
    }
  }
}
