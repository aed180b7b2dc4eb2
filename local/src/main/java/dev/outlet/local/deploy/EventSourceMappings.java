package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import dev.outlet.local.sam.SamEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Event source mappings through the Lambda REST API as AWS serves it ({@code
 * /2015-03-31/event-source-mappings/}): lists a function's mappings (following {@code NextMarker})
 * and applies {@link MappingPlan.Step}s. Stateless; every call blocks.
 */
final class EventSourceMappings {
  static final String PATH = "/2015-03-31/event-source-mappings/";

  /** The server answers ListEventSourceMappings with 404 but for a function: it has no mappings. */
  static final class NotServed extends Exception {
    private static final long serialVersionUID = 1L;

    NotServed(ApiException cause) {
      super(cause.toString(), cause);
    }
  }

  private final AwsHttp http;

  EventSourceMappings(AwsHttp http) {
    this.http = http;
  }

  /** Whether the server serves ListEventSourceMappings at all. */
  boolean served() throws ApiException, UnreachableException {
    try {
      http.rest("lambda", "GET", PATH + "?MaxItems=1", null);
      return true;
    } catch (ApiException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** The function's mappings, every page. */
  List<JsonNode> list(String function) throws ApiException, UnreachableException, NotServed {
    List<JsonNode> out = new ArrayList<>();
    String marker = null;
    do {
      String q =
          "?FunctionName=" + enc(function) + (marker == null ? "" : "&Marker=" + enc(marker));
      JsonNode page;
      try {
        page = http.rest("lambda", "GET", PATH + q, null);
      } catch (ApiException e) {
        if (e.status() == 404 && !e.code().equals("ResourceNotFoundException")) {
          throw new NotServed(e);
        }
        throw e;
      }
      page.path("EventSourceMappings").forEach(out::add);
      marker = page.path("NextMarker").isTextual() ? page.path("NextMarker").asText() : null;
      if (marker != null && marker.isEmpty()) {
        marker = null;
      }
    } while (marker != null);
    return out;
  }

  void apply(MappingPlan.Step step) throws ApiException, UnreachableException {
    switch (step) {
      case MappingPlan.Step.Create c -> {
        SamEvent.Sqs e = c.wanted().event();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("EventSourceArn", e.queueArn());
        body.put("FunctionName", c.wanted().functionName());
        body.put("Enabled", e.enabled());
        body.put("BatchSize", e.batchSize());
        body.put("MaximumBatchingWindowInSeconds", e.maximumBatchingWindowInSeconds());
        if (!e.filterPatterns().isEmpty()) {
          filters(body, e);
        }
        if (!e.functionResponseTypes().isEmpty()) {
          e.functionResponseTypes().forEach(body.putArray("FunctionResponseTypes")::add);
        }
        if (e.maximumConcurrency() != null) {
          body.putObject("ScalingConfig").put("MaximumConcurrency", e.maximumConcurrency());
        }
        http.rest("lambda", "POST", PATH, body);
      }
      case MappingPlan.Step.Update u -> {
        SamEvent.Sqs e = u.wanted().event();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String f : u.fields()) {
          switch (f) {
            case "BatchSize" -> body.put(f, e.batchSize());
            case "MaximumBatchingWindowInSeconds" ->
                body.put(f, e.maximumBatchingWindowInSeconds());
            case "Enabled" -> body.put(f, e.enabled());
            case "FilterCriteria" -> filters(body, e);
            case "FunctionResponseTypes" ->
                e.functionResponseTypes().forEach(body.putArray(f)::add);
            case "ScalingConfig" -> {
              ObjectNode s = body.putObject(f);
              if (e.maximumConcurrency() != null) {
                s.put("MaximumConcurrency", e.maximumConcurrency());
              }
            }
            default -> throw new IllegalStateException("no field " + f);
          }
        }
        http.rest("lambda", "PUT", PATH + enc(u.uuid()), body);
      }
      case MappingPlan.Step.Delete d -> http.rest("lambda", "DELETE", PATH + enc(d.uuid()), null);
    }
  }

  /** {@code FilterCriteria: {Filters: [{Pattern: "<json>"}]}} (empty: filters removed). */
  private static void filters(ObjectNode body, SamEvent.Sqs e) {
    var filters = body.putObject("FilterCriteria").putArray("Filters");
    e.filterPatterns().forEach(p -> filters.addObject().put("Pattern", p));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
