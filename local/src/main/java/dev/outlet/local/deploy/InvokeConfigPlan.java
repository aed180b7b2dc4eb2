package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.sam.SamInvokeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What must change for one function's event invoke config: a pure comparison of the template's
 * {@code EventInvokeConfig} with GetFunctionEventInvokeConfig's answer.
 *
 * @param action {@link Action#NONE} when the server has what the template says
 * @param differences one {@code Field old → new} per differing field, for an update
 */
public record InvokeConfigPlan(
    String functionName, SamInvokeConfig wanted, Action action, List<String> differences) {

  /** What to send. */
  public enum Action {
    NONE,
    PUT,
    DELETE
  }

  public InvokeConfigPlan {
    differences = List.copyOf(differences);
  }

  public boolean changes() {
    return action != Action.NONE;
  }

  /**
   * @param wanted the template's config, or null when it has none
   * @param current GetFunctionEventInvokeConfig's answer, or null when there is none (or the
   *     function does not exist yet)
   */
  public static InvokeConfigPlan of(String function, SamInvokeConfig wanted, JsonNode current) {
    if (wanted == null) {
      return new InvokeConfigPlan(
          function, null, current == null ? Action.NONE : Action.DELETE, List.of());
    }
    if (current == null) {
      return new InvokeConfigPlan(function, wanted, Action.PUT, List.of());
    }
    List<String> diffs = new ArrayList<>();
    diff(
        diffs,
        "MaximumRetryAttempts",
        number(current.path("MaximumRetryAttempts")),
        wanted.maximumRetryAttempts());
    diff(
        diffs,
        "MaximumEventAgeInSeconds",
        number(current.path("MaximumEventAgeInSeconds")),
        wanted.maximumEventAgeInSeconds());
    JsonNode d = current.path("DestinationConfig");
    diff(diffs, "OnSuccess", destination(d.path("OnSuccess")), wanted.onSuccess());
    diff(diffs, "OnFailure", destination(d.path("OnFailure")), wanted.onFailure());
    return new InvokeConfigPlan(
        function, wanted, diffs.isEmpty() ? Action.NONE : Action.PUT, diffs);
  }

  /** PutFunctionEventInvokeConfig's body: the whole config, which replaces the server's. */
  public ObjectNode body() {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    if (wanted.maximumRetryAttempts() != null) {
      b.put("MaximumRetryAttempts", wanted.maximumRetryAttempts());
    }
    if (wanted.maximumEventAgeInSeconds() != null) {
      b.put("MaximumEventAgeInSeconds", wanted.maximumEventAgeInSeconds());
    }
    ObjectNode d = b.putObject("DestinationConfig");
    if (wanted.onSuccess() != null) {
      d.putObject("OnSuccess").put("Destination", wanted.onSuccess());
    }
    if (wanted.onFailure() != null) {
      d.putObject("OnFailure").put("Destination", wanted.onFailure());
    }
    return b;
  }

  /** One line for the plan. */
  public String describe() {
    return switch (action) {
      case NONE -> "= event invoke config " + functionName;
      case PUT ->
          differences.isEmpty()
              ? "+ event invoke config " + functionName
              : "~ event invoke config " + functionName + ": " + String.join(", ", differences);
      case DELETE -> "- event invoke config " + functionName;
    };
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? n.asText() : null;
  }

  private static String destination(JsonNode n) {
    String s = n.path("Destination").asText("");
    return s.isEmpty() ? null : s;
  }

  private static void diff(List<String> out, String field, String now, Object wanted) {
    String w = wanted == null ? null : String.valueOf(wanted);
    if (!Objects.equals(now, w)) {
      out.add(field + " " + (now == null ? "(none)" : now) + " → " + (w == null ? "(none)" : w));
    }
  }
}
