package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event source mappings of one function: a pure comparison of its template's SQS events with
 * ListEventSourceMappings' answer. Each queue has at most one mapping to a function (AWS refuses a
 * second); an SQS mapping of the function whose queue the template no longer names is deleted.
 */
public final class MappingPlan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MappingPlan() {}

  /** A mapping as the template wants it. */
  public record Wanted(String functionName, SamEvent.Sqs event) {}

  /** One change. */
  public sealed interface Step {
    String describe();

    /** CreateEventSourceMapping. */
    record Create(Wanted wanted) implements Step {
      @Override
      public String describe() {
        return "+ sqs mapping " + queue(wanted.event().queueArn()) + " → " + wanted.functionName();
      }
    }

    /**
     * UpdateEventSourceMapping of the fields that differ.
     *
     * @param fields the differing fields' names, e.g. {@code BatchSize}
     * @param changes one {@code Field old → new} per field, for the plan
     */
    record Update(String uuid, Wanted wanted, List<String> fields, List<String> changes)
        implements Step {
      public Update {
        fields = List.copyOf(fields);
        changes = List.copyOf(changes);
      }

      @Override
      public String describe() {
        return "~ sqs mapping "
            + queue(wanted.event().queueArn())
            + " → "
            + wanted.functionName()
            + ": "
            + String.join(", ", changes);
      }
    }

    /** DeleteEventSourceMapping. */
    record Delete(String uuid, String functionName, String eventSourceArn) implements Step {
      @Override
      public String describe() {
        return "- sqs mapping " + queue(eventSourceArn) + " → " + functionName;
      }
    }
  }

  /**
   * @param wanted the function's SQS events
   * @param existing its mappings ({@code EventSourceMappings} entries; empty for a new function)
   */
  public static List<Step> plan(
      String function, List<SamEvent.Sqs> wanted, List<JsonNode> existing) {
    List<Step> steps = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (SamEvent.Sqs e : wanted) {
      JsonNode current = null;
      for (JsonNode m : existing) {
        if (m.path("EventSourceArn").asText().equals(e.queueArn())
            && !kept.contains(m.path("UUID").asText())) {
          current = m;
          break;
        }
      }
      Wanted w = new Wanted(function, e);
      if (current == null) {
        steps.add(new Step.Create(w));
        continue;
      }
      kept.add(current.path("UUID").asText());
      List<String> fields = new ArrayList<>();
      List<String> changes = new ArrayList<>();
      diff(fields, changes, "BatchSize", current.path("BatchSize").asText(), e.batchSize() + "");
      diff(
          fields,
          changes,
          "MaximumBatchingWindowInSeconds",
          current.path("MaximumBatchingWindowInSeconds").asText("0"),
          e.maximumBatchingWindowInSeconds() + "");
      diff(fields, changes, "Enabled", enabled(current) + "", e.enabled() + "");
      if (!patterns(current).equals(parsed(e.filterPatterns()))) {
        fields.add("FilterCriteria");
        changes.add("FilterCriteria");
      }
      Set<String> types = new HashSet<>();
      current.path("FunctionResponseTypes").forEach(t -> types.add(t.asText()));
      if (!types.equals(new HashSet<>(e.functionResponseTypes()))) {
        fields.add("FunctionResponseTypes");
        changes.add("FunctionResponseTypes " + types + " → " + e.functionResponseTypes());
      }
      JsonNode max = current.path("ScalingConfig").path("MaximumConcurrency");
      diff(
          fields,
          changes,
          "ScalingConfig",
          max.isMissingNode() || max.isNull() ? "" : max.asText(),
          e.maximumConcurrency() == null ? "" : e.maximumConcurrency().toString());
      if (!fields.isEmpty()) {
        steps.add(new Step.Update(current.path("UUID").asText(), w, fields, changes));
      }
    }
    for (JsonNode m : existing) {
      String arn = m.path("EventSourceArn").asText();
      if (!kept.contains(m.path("UUID").asText()) && arn.startsWith("arn:aws:sqs:")) {
        steps.add(new Step.Delete(m.path("UUID").asText(), function, arn));
      }
    }
    return steps;
  }

  /** Whether the mapping polls (or will): every state but Disabled and Disabling. */
  static boolean enabled(JsonNode mapping) {
    String state = mapping.path("State").asText("Enabled");
    return !state.equals("Disabled") && !state.equals("Disabling");
  }

  private static Set<JsonNode> patterns(JsonNode mapping) {
    List<String> texts = new ArrayList<>();
    mapping
        .path("FilterCriteria")
        .path("Filters")
        .forEach(f -> texts.add(f.path("Pattern").asText()));
    return parsed(texts);
  }

  /** Patterns compare as JSON: the server may keep them spaced or ordered differently. */
  private static Set<JsonNode> parsed(List<String> patterns) {
    Set<JsonNode> out = new HashSet<>();
    for (String p : patterns) {
      try {
        out.add(JSON.readTree(p));
      } catch (IOException e) {
        out.add(JSON.getNodeFactory().textNode(p));
      }
    }
    return out;
  }

  private static void diff(
      List<String> fields, List<String> changes, String field, String now, String wanted) {
    if (!now.equals(wanted)) {
      fields.add(field);
      changes.add(
          field
              + " "
              + (now.isEmpty() ? "(none)" : now)
              + " → "
              + (wanted.isEmpty() ? "(none)" : wanted));
    }
  }

  private static String queue(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }
}
