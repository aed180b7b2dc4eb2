package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What must change for one queue of the template: a pure comparison with GetQueueAttributes and
 * ListQueueTags. An attribute the template leaves out is compared with SQS's default (as
 * CloudFormation resets a removed property), but for {@code MaximumMessageSize}, whose default
 * differs between SQS's eras and which is left as it is.
 *
 * @param create the queue does not exist (CreateQueue with every attribute and tag)
 * @param attributes the attributes SetQueueAttributes must set ({@code RedrivePolicy → ""} removes
 *     it)
 * @param differences one {@code Name old → new} per differing attribute, for the plan
 * @param tag tags TagQueue must set
 * @param untag tag keys UntagQueue must remove
 */
public record QueuePlan(
    SamQueue queue,
    boolean create,
    Map<String, String> attributes,
    List<String> differences,
    Map<String, String> tag,
    List<String> untag) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** SQS's defaults for the attributes a template may leave out. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "VisibilityTimeout", "30",
          "MessageRetentionPeriod", "345600",
          "DelaySeconds", "0",
          "ReceiveMessageWaitTimeSeconds", "0",
          "RedrivePolicy", "");

  public QueuePlan {
    attributes = Map.copyOf(attributes);
    differences = List.copyOf(differences);
    tag = Map.copyOf(tag);
    untag = List.copyOf(untag);
  }

  public boolean changes() {
    return create || !attributes.isEmpty() || !tag.isEmpty() || !untag.isEmpty();
  }

  /**
   * @param current GetQueueAttributes' {@code Attributes} (all of them), or null when the queue
   *     does not exist
   * @param tags ListQueueTags' {@code Tags}
   */
  public static QueuePlan of(SamQueue q, JsonNode current, Map<String, String> tags) {
    if (current == null) {
      return new QueuePlan(q, true, q.attributes(), List.of(), q.tags(), List.of());
    }
    Map<String, String> wanted = new LinkedHashMap<>(DEFAULTS);
    wanted.putAll(q.attributes());
    Map<String, String> set = new LinkedHashMap<>();
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String name = e.getKey();
      if (name.equals("FifoQueue")) {
        continue; // fixed at creation; the name (.fifo) already tells
      }
      String now = current.path(name).asText("");
      boolean same =
          name.equals("RedrivePolicy") ? sameJson(now, e.getValue()) : now.equals(e.getValue());
      if (!same) {
        set.put(name, e.getValue());
        changes.add(
            name
                + " "
                + (now.isEmpty() ? "(none)" : now)
                + " → "
                + (e.getValue().isEmpty() ? "(none)" : e.getValue()));
      }
    }
    Map<String, String> tag = new LinkedHashMap<>();
    q.tags()
        .forEach(
            (k, v) -> {
              if (!v.equals(tags.get(k))) {
                tag.put(k, v);
              }
            });
    List<String> untag = tags.keySet().stream().filter(k -> !q.tags().containsKey(k)).toList();
    if (!tag.isEmpty() || !untag.isEmpty()) {
      changes.add("Tags");
    }
    return new QueuePlan(q, false, set, changes, tag, untag);
  }

  /** Redrive policies compare as JSON, {@code maxReceiveCount} as a number or its text. */
  private static boolean sameJson(String now, String wanted) {
    if (now.isEmpty() || wanted.isEmpty()) {
      return now.isEmpty() && wanted.isEmpty();
    }
    try {
      JsonNode a = JSON.readTree(now);
      JsonNode b = JSON.readTree(wanted);
      return a.path("deadLetterTargetArn").asText().equals(b.path("deadLetterTargetArn").asText())
          && Objects.equals(a.path("maxReceiveCount").asText(), b.path("maxReceiveCount").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** One line for the plan. */
  public String describe() {
    if (create) {
      return "+ queue " + queue.name() + (queue.fifo() ? " (FIFO)" : "");
    }
    return "~ queue " + queue.name() + ": " + String.join(", ", differences);
  }
}
