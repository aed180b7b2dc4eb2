package dev.outlet.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.events.pattern.EventPattern;
import dev.outlet.sqs.QueueConsumer.Delivered;
import java.util.List;

/**
 * A mapping's {@code FilterCriteria}: a message is delivered when any pattern matches its record,
 * whose {@code body} is matched as the JSON object it holds, else as the string it is (as Lambda
 * filters SQS messages). No patterns: every message. Immutable.
 */
final class RecordFilter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<EventPattern> patterns;

  RecordFilter(List<String> patterns) {
    this.patterns = patterns.stream().map(EventPattern::parse).toList();
  }

  boolean all() {
    return patterns.isEmpty();
  }

  boolean matches(Delivered m, String queueArn, String region) {
    if (patterns.isEmpty()) {
      return true;
    }
    ObjectNode record = JSON.createObjectNode();
    record.put("messageId", m.messageId());
    record.set("body", body(m.body()));
    ObjectNode attributes = record.putObject("attributes");
    m.attributes().forEach(attributes::put);
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    m.messageAttributes()
        .forEach(
            (name, v) -> {
              ObjectNode a = messageAttributes.putObject(name);
              if (v.stringValue() != null) {
                a.put("stringValue", v.stringValue());
              }
              a.put("dataType", v.dataType());
            });
    record.put("md5OfBody", m.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    for (EventPattern p : patterns) {
      if (p.matches(record)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode body(String body) {
    String trimmed = body.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(trimmed);
        if (n != null && n.isObject()) {
          return n;
        }
      } catch (JsonProcessingException | NumberFormatException e) {
        // not JSON: matched as a string
      }
    }
    return JSON.getNodeFactory().textNode(body);
  }
}
