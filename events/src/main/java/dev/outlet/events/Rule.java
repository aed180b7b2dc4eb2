package dev.outlet.events;

import java.time.Instant;
import java.util.List;

/**
 * A scheduled rule as stored: immutable.
 *
 * @param anchor when the rule's schedule started (creation, or the last change of its expression)
 */
public record Rule(
    String name,
    String expression,
    boolean enabled,
    String description,
    Instant anchor,
    List<Target> targets) {

  public Rule {
    targets = List.copyOf(targets);
  }

  /**
   * A target of a rule.
   *
   * @param input constant JSON sent instead of the scheduled event, or null
   */
  public record Target(String id, String arn, String input) {}

  Rule withTargets(List<Target> value) {
    return new Rule(name, expression, enabled, description, anchor, value);
  }
}
