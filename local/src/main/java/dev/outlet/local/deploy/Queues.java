package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import dev.outlet.local.sam.SamQueue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template's queues through SQS's JSON 1.0 protocol ({@code AmazonSQS.*}): reads what a queue
 * is ({@link #plan}) and applies a {@link QueuePlan}. A refusal (e.g. a FIFO queue on a server
 * without them) becomes a {@link DeployException} naming the queue. Not thread-safe: one deploy at
 * a time.
 */
final class Queues {
  private static final String SQS = "AmazonSQS.";

  private final AwsHttp http;
  private final Map<String, String> urls = new LinkedHashMap<>();

  Queues(AwsHttp http) {
    this.http = http;
  }

  QueuePlan plan(SamQueue q) throws ApiException, UnreachableException {
    String url = url(q.name());
    if (url == null) {
      return QueuePlan.of(q, null, Map.of());
    }
    ObjectNode get = body(url);
    get.putArray("AttributeNames").add("All");
    JsonNode attributes = call("GetQueueAttributes", get).path("Attributes");
    Map<String, String> tags = new LinkedHashMap<>();
    call("ListQueueTags", body(url))
        .path("Tags")
        .properties()
        .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return QueuePlan.of(q, attributes, tags);
  }

  void apply(QueuePlan p) throws DeployException, UnreachableException {
    SamQueue q = p.queue();
    try {
      if (p.create()) {
        ObjectNode create = JsonNodeFactory.instance.objectNode().put("QueueName", q.name());
        if (!p.attributes().isEmpty()) {
          ObjectNode a = create.putObject("Attributes");
          p.attributes().forEach(a::put);
        }
        if (!p.tag().isEmpty()) {
          ObjectNode t = create.putObject("tags");
          p.tag().forEach(t::put);
        }
        urls.put(q.name(), call("CreateQueue", create).path("QueueUrl").asText());
        return;
      }
      String url = urls.get(q.name());
      if (!p.attributes().isEmpty()) {
        ObjectNode set = body(url);
        ObjectNode a = set.putObject("Attributes");
        p.attributes().forEach(a::put);
        call("SetQueueAttributes", set);
      }
      if (!p.tag().isEmpty()) {
        ObjectNode tag = body(url);
        ObjectNode t = tag.putObject("Tags");
        p.tag().forEach(t::put);
        call("TagQueue", tag);
      }
      if (!p.untag().isEmpty()) {
        ObjectNode untag = body(url);
        p.untag().forEach(untag.putArray("TagKeys")::add);
        call("UntagQueue", untag);
      }
    } catch (ApiException e) {
      throw new DeployException(
          q.logicalId() + ": the server refused queue " + q.name() + ": " + e);
    }
  }

  /** GetQueueUrl's answer, or null when there is no such queue. */
  private String url(String name) throws ApiException, UnreachableException {
    try {
      String url =
          call("GetQueueUrl", JsonNodeFactory.instance.objectNode().put("QueueName", name))
              .path("QueueUrl")
              .asText();
      urls.put(name, url);
      return url;
    } catch (ApiException e) {
      if (e.code().equals("QueueDoesNotExist")
          || e.code().equals("AWS.SimpleQueueService.NonExistentQueue")) {
        return null;
      }
      throw e;
    }
  }

  private JsonNode call(String operation, ObjectNode body)
      throws ApiException, UnreachableException {
    return http.json10("sqs", SQS + operation, body);
  }

  private static ObjectNode body(String url) {
    return JsonNodeFactory.instance.objectNode().put("QueueUrl", url);
  }
}
