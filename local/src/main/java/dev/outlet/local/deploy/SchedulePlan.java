package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * What must change for one EventBridge rule of the template (a schedule or an event pattern) and
 * its target: a pure comparison with DescribeRule and ListTargetsByRule.
 *
 * @param rule PutRule is needed (new rule, or expression, pattern, state or description differ)
 * @param target PutTargets is needed
 */
public record SchedulePlan(Wanted wanted, boolean rule, boolean target, boolean exists) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The rule and its one target as the template describes them.
   *
   * @param bus the event bus ({@code default} for schedules)
   * @param expression the schedule expression, or null for a pattern rule
   * @param pattern the event pattern (JSON), or null for a schedule
   */
  public record Wanted(
      String bus,
      String ruleName,
      String expression,
      String pattern,
      boolean enabled,
      String description,
      String targetId,
      String functionArn,
      String input,
      String inputPath) {}

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
        !described.path("ScheduleExpression").asText("").equals(text(w.expression()))
            || !samePattern(described.path("EventPattern").asText(null), w.pattern())
            || described.path("State").asText().equals("ENABLED") != w.enabled()
            || !described.path("Description").asText("").equals(text(w.description()));
    boolean target = true;
    if (targets != null) {
      for (JsonNode t : targets.path("Targets")) {
        if (t.path("Id").asText().equals(w.targetId())
            && t.path("Arn").asText().equals(w.functionArn())
            && t.path("Input").asText("").equals(text(w.input()))
            && t.path("InputPath").asText("").equals(text(w.inputPath()))) {
          target = false;
        }
      }
    }
    return new SchedulePlan(w, rule, target, true);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  /** Patterns compare as JSON (the store may keep the text it was sent, spaced differently). */
  private static boolean samePattern(String described, String wanted) {
    if (described == null || wanted == null) {
      return described == null && wanted == null;
    }
    try {
      return Objects.equals(JSON.readTree(described), JSON.readTree(wanted));
    } catch (IOException e) {
      return false;
    }
  }

  public String describe() {
    String fn = w().functionArn().substring(w().functionArn().lastIndexOf(':') + 1);
    if (w().expression() != null) {
      return (exists ? "~ schedule " : "+ schedule ")
          + w().ruleName()
          + " "
          + w().expression()
          + (w().enabled() ? "" : " (disabled)")
          + " → "
          + fn;
    }
    return (exists ? "~ rule " : "+ rule ")
        + w().ruleName()
        + " on "
        + w().bus()
        + " "
        + w().pattern()
        + (w().enabled() ? "" : " (disabled)")
        + " → "
        + fn;
  }

  private Wanted w() {
    return wanted;
  }
}
