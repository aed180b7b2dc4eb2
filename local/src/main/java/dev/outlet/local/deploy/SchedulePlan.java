package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What must change for one schedule rule and its target: a pure comparison with DescribeRule and
 * ListTargetsByRule.
 *
 * @param rule PutRule is needed (new rule, or expression, state or description differ)
 * @param target PutTargets is needed
 */
public record SchedulePlan(Wanted wanted, boolean rule, boolean target, boolean exists) {

  /** The rule and its one target as the template describes them. */
  public record Wanted(
      String ruleName,
      String expression,
      boolean enabled,
      String description,
      String targetId,
      String functionArn,
      String input) {}

  public boolean changes() {
    return rule || target;
  }

  /**
   * @param described DescribeRule's answer, or null when the rule does not exist
   * @param targets ListTargetsByRule's answer, or null
   */
  public static SchedulePlan of(Wanted w, JsonNode described, JsonNode targets) {
    if (described == null) {
      return new SchedulePlan(w, true, true, false);
    }
    boolean rule =
        !described.path("ScheduleExpression").asText().equals(w.expression())
            || described.path("State").asText().equals("ENABLED") != w.enabled()
            || !described
                .path("Description")
                .asText("")
                .equals(w.description() == null ? "" : w.description());
    boolean target = true;
    if (targets != null) {
      for (JsonNode t : targets.path("Targets")) {
        if (t.path("Id").asText().equals(w.targetId())
            && t.path("Arn").asText().equals(w.functionArn())
            && t.path("Input").asText("").equals(w.input() == null ? "" : w.input())) {
          target = false;
        }
      }
    }
    return new SchedulePlan(w, rule, target, true);
  }

  public String describe() {
    String what = exists ? "~ schedule " : "+ schedule ";
    return what
        + w().ruleName()
        + " "
        + w().expression()
        + (w().enabled() ? "" : " (disabled)")
        + " → "
        + w().functionArn().substring(w().functionArn().lastIndexOf(':') + 1);
  }

  private Wanted w() {
    return wanted;
  }
}
