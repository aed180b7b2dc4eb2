package dev.outlet.local.sam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamReader.Warnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a function's {@code SQS} event, its properties already resolved. A property Outlet cannot
 * use (a queue that is not an ARN, a batch size that is not a number, a filter pattern that is not
 * JSON) drops the event with one warning naming it. Pure.
 */
final class SqsEventReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqsEventReader() {}

  /** The event, or null (with a warning) when it cannot be deployed. */
  static SamEvent.Sqs read(String name, String at, Map<String, Object> props, Warnings warnings) {
    String p = at + ".Properties.";
    Object queue = props.get("Queue");
    if (queue == null || !String.valueOf(queue).startsWith("arn:")) {
      warnings.add(
          p
              + "Queue: "
              + (queue == null ? "missing" : "'" + queue + "' is not a queue ARN")
              + " (!GetAtt MyQueue.Arn), event ignored");
      return null;
    }
    try {
      Map<String, Object> scaling = SamReader.map(props.get("ScalingConfig"));
      for (String k : scaling.keySet()) {
        if (!k.equals("MaximumConcurrency")) {
          warnings.add(p + "ScalingConfig." + k + ": not supported by Outlet, ignored");
        }
      }
      Object concurrency = scaling.get("MaximumConcurrency");
      return new SamEvent.Sqs(
          name,
          String.valueOf(queue),
          number(props.get("BatchSize"), 10, p + "BatchSize"),
          number(
              props.get("MaximumBatchingWindowInSeconds"), 0, p + "MaximumBatchingWindowInSeconds"),
          props.get("Enabled") == null || QueueReader.bool(props.get("Enabled")),
          patterns(props.get("FilterCriteria"), p + "FilterCriteria", warnings),
          responseTypes(props.get("FunctionResponseTypes")),
          concurrency == null
              ? null
              : number(concurrency, 0, p + "ScalingConfig.MaximumConcurrency"));
    } catch (Invalid e) {
      warnings.add(e.getMessage() + ", event ignored");
      return null;
    }
  }

  /** Each {@code Filters[].Pattern} as the JSON text AWS takes (a mapping is written as JSON). */
  private static List<String> patterns(Object criteria, String at, Warnings warnings)
      throws Invalid {
    List<String> out = new ArrayList<>();
    if (criteria == null) {
      return out;
    }
    Map<String, Object> c = SamReader.map(criteria);
    for (String k : c.keySet()) {
      if (!k.equals("Filters")) {
        warnings.add(at + "." + k + ": not supported by Outlet, ignored");
      }
    }
    if (!(c.get("Filters") instanceof List<?> filters)) {
      throw new Invalid(at + ".Filters: a list of {Pattern} is needed");
    }
    for (Object f : filters) {
      Object pattern = SamReader.map(f).get("Pattern");
      try {
        if (pattern instanceof String s) {
          JSON.readTree(s);
          out.add(s);
        } else if (pattern instanceof Map<?, ?>) {
          out.add(JSON.writeValueAsString(pattern));
        } else {
          throw new Invalid(at + ".Filters: each filter needs a Pattern");
        }
      } catch (JsonProcessingException e) {
        throw new Invalid(at + ".Filters.Pattern: not JSON: " + e.getOriginalMessage());
      }
    }
    return out;
  }

  private static List<String> responseTypes(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  private static int number(Object v, int def, String at) throws Invalid {
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new Invalid(at + ": '" + v + "' is not a whole number");
    }
  }

  /** A property that makes the event unusable; the message names it. */
  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }
}
