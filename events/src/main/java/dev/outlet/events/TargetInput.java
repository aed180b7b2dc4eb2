package dev.outlet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a rule's target receives for an event, as EventBridge makes it: the constant {@code Input},
 * the part of the event {@code InputPath} names, the {@code InputTransformer}'s template with its
 * placeholders replaced, or else the whole event. Pure.
 *
 * <p>In a template, a placeholder inside a JSON string is replaced by the value's text (a string
 * without its quotes, other values as JSON), escaped for the string; outside a string by the
 * value's JSON; a path that names nothing gives an empty text inside a string and {@code null}
 * outside. The predefined {@code <aws.events.rule-arn>}, {@code <aws.events.rule-name>}, {@code
 * <aws.events.event.ingestion-time>} and {@code <aws.events.event.json>} are known too.
 */
final class TargetInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TargetInput() {}

  static byte[] render(Rule.Target target, JsonNode event, String ruleName, String ruleArn) {
    if (target.input() != null) {
      return target.input().getBytes(StandardCharsets.UTF_8);
    }
    if (target.inputPath() != null) {
      JsonNode part = JsonPaths.eval(target.inputPath(), event);
      return text(part == null ? JSON.nullNode() : part).getBytes(StandardCharsets.UTF_8);
    }
    if (target.transformer() != null) {
      return template(target.transformer(), event, ruleName, ruleArn)
          .getBytes(StandardCharsets.UTF_8);
    }
    return text(event).getBytes(StandardCharsets.UTF_8);
  }

  static String template(Rule.InputTransformer t, JsonNode event, String ruleName, String ruleArn) {
    String template = t.inputTemplate();
    StringBuilder out = new StringBuilder(template.length() + 64);
    boolean inString = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '<') {
        int close = template.indexOf('>', i + 1);
        String name = close < 0 ? null : template.substring(i + 1, close);
        if (name != null
            && (t.inputPathsMap().containsKey(name) || name.startsWith("aws.events."))) {
          JsonNode value = value(name, t.inputPathsMap(), event, ruleName, ruleArn);
          out.append(inString ? inside(value) : outside(value));
          i = close + 1;
          continue;
        }
      }
      if (c == '"' && !escaped(template, i)) {
        inString = !inString;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static JsonNode value(
      String name, Map<String, String> paths, JsonNode event, String ruleName, String ruleArn) {
    return switch (name) {
      case "aws.events.rule-arn" -> JSON.getNodeFactory().textNode(ruleArn);
      case "aws.events.rule-name" -> JSON.getNodeFactory().textNode(ruleName);
      case "aws.events.event.ingestion-time" -> event.get("time");
      case "aws.events.event.json" -> event;
      default -> paths.containsKey(name) ? JsonPaths.eval(paths.get(name), event) : null;
    };
  }

  private static String inside(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    String raw = value.isTextual() ? value.asText() : text(value);
    return new String(JsonStringEncoder.getInstance().quoteAsString(raw));
  }

  private static String outside(JsonNode value) {
    return value == null || value.isMissingNode() ? "null" : text(value);
  }

  private static boolean escaped(String s, int at) {
    int slashes = 0;
    for (int j = at - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      slashes++;
    }
    return slashes % 2 == 1;
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
