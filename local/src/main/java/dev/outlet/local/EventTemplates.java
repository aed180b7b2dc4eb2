package dev.outlet.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The sample events of {@code outlet local generate-event}, with its defaults, as the console's
 * test-event templates: {@code {"templates":[{"id","name","event"}, ...]}}.
 */
public final class EventTemplates {
  private EventTemplates() {}

  public static String json(String region, String account, Instant now) {
    SampleEvents e = new SampleEvents(region, account, now);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("templates");
    add(list, "hello-world", "Hello world", helloWorld(mapper));
    add(
        list,
        "apigateway-http-api",
        "API Gateway HTTP API (payload 2.0)",
        e.httpApi("GET", "/", "", null, "$default", "1234567890"));
    add(
        list,
        "apigateway-aws-proxy",
        "API Gateway REST API proxy (payload 1.0)",
        e.restApi("GET", "/", "", null, "Prod", "1234567890"));
    add(list, "sqs-receive-message", "SQS receive message", e.sqs("my-queue", "Hello from SQS!"));
    add(
        list,
        "sns-notification",
        "SNS notification",
        e.sns("my-topic", "example subject", "Hello from SNS!"));
    add(list, "s3-put", "S3 put", e.s3Put("example-bucket", "test/key", 1024));
    add(
        list,
        "eventbridge-scheduled-event",
        "EventBridge scheduled event",
        e.scheduled("my-schedule"));
    ObjectNode detail = mapper.createObjectNode().put("orderId", "1234");
    add(
        list,
        "eventbridge-event",
        "EventBridge event",
        e.eventBridge("com.example.shop", "Order Placed", detail, "default"));
    return root.toString();
  }

  private static ObjectNode helloWorld(ObjectMapper mapper) {
    return mapper
        .createObjectNode()
        .put("key1", "value1")
        .put("key2", "value2")
        .put("key3", "value3");
  }

  private static void add(ArrayNode list, String id, String name, ObjectNode event) {
    list.addObject().put("id", id).put("name", name).set("event", event);
  }
}
