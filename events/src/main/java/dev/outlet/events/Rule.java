package dev.outlet.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule as stored: immutable. A rule is scheduled ({@code expression}), matches events put on its
 * bus ({@code pattern}), or both.
 *
 * @param bus the event bus's name ({@code default} or one made by CreateEventBus)
 * @param expression the schedule expression, or null
 * @param pattern the event pattern as the user wrote it (JSON), or null
 * @param anchor when the rule's schedule started (creation, or the last change of its expression)
 */
public record Rule(
    String bus,
    String name,
    String expression,
    String pattern,
    boolean enabled,
    String description,
    Instant anchor,
    List<Target> targets) {

  public static final String DEFAULT_BUS = "default";

  public Rule {
    targets = List.copyOf(targets);
  }

  /** A scheduled rule on the default bus. */
  public Rule(
      String name,
      String expression,
      boolean enabled,
      String description,
      Instant anchor,
      List<Target> targets) {
    this(DEFAULT_BUS, name, expression, null, enabled, description, anchor, targets);
  }

  /**
   * A target of a rule. At most one of {@code input}, {@code inputPath} and {@code transformer} is
   * set; with none, the target gets the whole event.
   *
   * @param input constant JSON sent instead of the event, or null
   * @param inputPath a JSONPath naming the part of the event sent, or null
   * @param transformer the event's parts put into a template, or null
   */
  public record Target(
      String id, String arn, String input, String inputPath, InputTransformer transformer) {

    public Target(String id, String arn, String input) {
      this(id, arn, input, null, null);
    }
  }

  /**
   * An {@code InputTransformer}: JSONPaths into the event by placeholder name, and the template the
   * placeholders ({@code <name>}) are replaced in.
   */
  public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
    public InputTransformer {
      inputPathsMap = inputPathsMap == null ? Map.of() : Map.copyOf(inputPathsMap);
    }
  }

  Rule withTargets(List<Target> value) {
    return new Rule(bus, name, expression, pattern, enabled, description, anchor, value);
  }

  /** Its ARN: {@code rule/NAME} on the default bus, {@code rule/BUS/NAME} on another. */
  public String arn(String region, String account) {
    return "arn:aws:events:"
        + region
        + ":"
        + account
        + ":rule/"
        + (bus.equals(DEFAULT_BUS) ? name : bus + "/" + name);
  }

  /** The ARN of the event bus {@code bus}. */
  public static String busArn(String region, String account, String bus) {
    return "arn:aws:events:" + region + ":" + account + ":event-bus/" + bus;
  }

  /** Whether it fires on a schedule. */
  boolean scheduled() {
    return expression != null && !expression.isEmpty();
  }
}
