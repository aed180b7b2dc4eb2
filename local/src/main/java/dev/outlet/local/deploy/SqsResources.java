package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import dev.outlet.local.sam.SamEvent;
import dev.outlet.local.sam.SamFunction;
import dev.outlet.local.sam.SamQueue;
import dev.outlet.local.sam.SamTemplate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The template's queues and SQS events for one deploy: plans both (what each queue is, what
 * mappings each existing function has), then applies the queues before the functions (their
 * configuration may name them) and the mappings after (a mapping needs its function and queue). A
 * server without event source mappings (ListEventSourceMappings answers 404) gets a warning when
 * the template has SQS events, as a server without apigatewayv2 does for routes. Not thread-safe.
 */
final class SqsResources {
  /** What this deploy must change. */
  record Plan(List<QueuePlan> queues, List<MappingPlan.Step> mappings) {
    List<String> describeQueues() {
      return queues.stream().filter(QueuePlan::changes).map(QueuePlan::describe).toList();
    }

    List<String> describeMappings() {
      return mappings.stream().map(MappingPlan.Step::describe).toList();
    }
  }

  private final AwsHttp http;
  private final PrintWriter err;
  private final Queues queues;
  private final EventSourceMappings mappings;

  SqsResources(AwsHttp http, PrintWriter err) {
    this.http = http;
    this.err = err;
    this.queues = new Queues(http);
    this.mappings = new EventSourceMappings(http);
  }

  /**
   * @param existing the names of the template's functions that exist on the server already (a new
   *     function has no mappings to read)
   */
  Plan plan(SamTemplate t, Set<String> existing) throws ApiException, UnreachableException {
    List<QueuePlan> q = new ArrayList<>();
    for (SamQueue queue : t.queues()) {
      q.add(queues.plan(queue));
    }
    boolean wanted =
        t.functions().stream()
            .flatMap(f -> f.events().stream())
            .anyMatch(e -> e instanceof SamEvent.Sqs);
    List<MappingPlan.Step> steps = new ArrayList<>();
    boolean anyExists = t.functions().stream().anyMatch(f -> existing.contains(f.name()));
    if (wanted && !anyExists && !mappings.served()) {
      notServed("GET " + EventSourceMappings.PATH + " answered 404");
      return new Plan(q, List.of());
    }
    for (SamFunction f : t.functions()) {
      List<SamEvent.Sqs> events =
          f.events().stream()
              .filter(SamEvent.Sqs.class::isInstance)
              .map(SamEvent.Sqs.class::cast)
              .toList();
      List<JsonNode> current = List.of();
      if (existing.contains(f.name())) {
        try {
          current = mappings.list(f.name());
        } catch (EventSourceMappings.NotServed e) {
          if (wanted) {
            notServed("ListEventSourceMappings answered " + e.getMessage());
          }
          return new Plan(q, List.of());
        }
      }
      steps.addAll(MappingPlan.plan(f.name(), events, current));
    }
    return new Plan(q, steps);
  }

  void applyQueues(Plan p) throws DeployException, UnreachableException {
    for (QueuePlan q : p.queues()) {
      if (q.changes()) {
        queues.apply(q);
      }
    }
  }

  void applyMappings(Plan p) throws DeployException, UnreachableException {
    for (MappingPlan.Step s : p.mappings()) {
      try {
        mappings.apply(s);
      } catch (ApiException e) {
        if (e.status() == 404 && !e.code().equals("ResourceNotFoundException")) {
          notServed(e.toString());
          return;
        }
        throw new DeployException(s.describe().substring(2) + ": the server refused: " + e);
      }
    }
  }

  private void notServed(String why) {
    err.println(
        "Warning: "
            + http.endpoint()
            + " does not serve event source mappings ("
            + why
            + "): SQS events are not deployed; queues and functions are.");
    err.flush();
  }
}
