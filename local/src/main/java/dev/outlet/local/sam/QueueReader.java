package dev.outlet.local.sam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.sam.SamReader.Warnings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code AWS::SQS::Queue} resources: their names first ({@link #names}, which functions and
 * other queues may refer to), then their properties ({@link #read}). Pure; not thread-safe (it adds
 * to the template's warnings).
 */
final class QueueReader {
  /** The properties Outlet passes on, each an SQS attribute of the same name but Tags. */
  static final List<String> NUMBERS =
      List.of(
          "VisibilityTimeout",
          "MessageRetentionPeriod",
          "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds",
          "MaximumMessageSize");

  private static final Set<String> PROPERTIES =
      Set.of(
          "QueueName",
          "FifoQueue",
          "ContentBasedDeduplication",
          "VisibilityTimeout",
          "MessageRetentionPeriod",
          "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds",
          "MaximumMessageSize",
          "RedrivePolicy",
          "Tags");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Intrinsics intrinsics;
  private final Warnings warnings;

  QueueReader(Intrinsics intrinsics, Warnings warnings) {
    this.intrinsics = intrinsics;
    this.warnings = warnings;
  }

  /**
   * The queue's name, ARN and URL: {@code QueueName} (resolved with {@code early}, which knows
   * parameters and pseudo parameters), else {@link #derivedName}.
   *
   * @param urlBase the endpoint queue URLs start with, e.g. {@code http://127.0.0.1:9070}
   */
  static SamQueue.Names names(
      String id,
      Map<String, Object> resource,
      String stack,
      Intrinsics early,
      String region,
      String account,
      String urlBase,
      Warnings warnings)
      throws TemplateException {
    Map<String, Object> props = SamReader.map(resource.get("Properties"));
    String at = "Resources." + id + ".Properties.";
    boolean fifo = false;
    try {
      fifo = props.get("FifoQueue") != null && bool(early.resolve(props.get("FifoQueue")));
    } catch (Intrinsics.Unsupported u) {
      warnings.add(at + "FifoQueue: " + u.getMessage() + ", ignored");
    }
    String name = null;
    if (props.get("QueueName") != null) {
      try {
        name = String.valueOf(early.resolve(props.get("QueueName")));
      } catch (Intrinsics.Unsupported u) {
        warnings.add(at + "QueueName: " + u.getMessage() + ", a name is derived");
      }
    }
    if (name == null) {
      name = derivedName(stack, id, fifo);
    }
    String base = fifo ? name.substring(0, Math.max(0, name.length() - 5)) : name;
    if (fifo != name.endsWith(".fifo")) {
      throw new TemplateException(
          at
              + "QueueName: '"
              + name
              + "' "
              + (fifo
                  ? "must end with .fifo (FifoQueue is true)"
                  : "ends with .fifo: set FifoQueue: true"));
    }
    if (!NAME.matcher(base).matches() || name.length() > 80) {
      throw new TemplateException(
          at + "QueueName: '" + name + "' must be 1-80 letters, digits, - or _");
    }
    return new SamQueue.Names(
        name,
        "arn:aws:sqs:" + region + ":" + account + ":" + name,
        urlBase + "/" + account + "/" + name);
  }

  /**
   * CloudFormation's name for a queue without {@code QueueName}: {@code <stack>-<LogicalId>-<12
   * letters or digits>} within 80 characters (with {@code .fifo} for a FIFO queue). CloudFormation
   * draws the suffix at random once per stack; here it is derived from the stack and logical id, so
   * that every deploy of the template finds the same queue.
   */
  static String derivedName(String stack, String id, boolean fifo) {
    byte[] h = sha256(stack + "\n" + id);
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt((h[i] & 0xff) % SUFFIX_ALPHABET.length()));
    }
    String prefix = (stack + "-" + id).replaceAll("[^A-Za-z0-9_-]", "-");
    int room = 80 - suffix.length() - 1 - (fifo ? 5 : 0);
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room);
    }
    return prefix + "-" + suffix + (fifo ? ".fifo" : "");
  }

  SamQueue read(String id, SamQueue.Names names, Map<String, Object> resource)
      throws TemplateException {
    SamReader.resourceKeys(id, resource, warnings);
    String at = "Resources." + id + ".Properties.";
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : SamReader.map(resource.get("Properties")).entrySet()) {
      if (!PROPERTIES.contains(p.getKey())) {
        warnings.add(at + p.getKey() + ": not supported by Outlet, ignored");
        continue;
      }
      intrinsics.resolveInto(props, p.getKey(), p.getValue(), at, warnings);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (names.name().endsWith(".fifo")) {
      attributes.put("FifoQueue", "true");
      if (props.get("ContentBasedDeduplication") != null) {
        attributes.put(
            "ContentBasedDeduplication",
            Boolean.toString(bool(props.get("ContentBasedDeduplication"))));
      }
    } else if (props.get("ContentBasedDeduplication") != null) {
      warnings.add(at + "ContentBasedDeduplication: only for FIFO queues, ignored");
    }
    for (String n : NUMBERS) {
      if (props.get(n) != null) {
        attributes.put(n, Long.toString(number(props.get(n), at + n)));
      }
    }
    if (props.get("RedrivePolicy") != null) {
      attributes.put("RedrivePolicy", redrivePolicy(props.get("RedrivePolicy"), at));
    }
    return new SamQueue(
        id, names.name(), attributes, tags(props.get("Tags"), at), names.arn(), names.url());
  }

  /** {@code {"deadLetterTargetArn":..,"maxReceiveCount":N}} from a mapping or its JSON text. */
  private static String redrivePolicy(Object value, String at) throws TemplateException {
    JsonNode given;
    try {
      given = value instanceof String s ? JSON.readTree(s) : JSON.valueToTree(value);
    } catch (JsonProcessingException e) {
      throw new TemplateException(at + "RedrivePolicy: not JSON: " + e.getOriginalMessage());
    }
    String target = given.path("deadLetterTargetArn").asText("");
    if (!target.startsWith("arn:")) {
      throw new TemplateException(
          at + "RedrivePolicy.deadLetterTargetArn: an SQS queue ARN is needed (!GetAtt Dlq.Arn)");
    }
    long max =
        number(given.path("maxReceiveCount").asText(""), at + "RedrivePolicy.maxReceiveCount");
    ObjectNode policy = JSON.createObjectNode();
    policy.put("deadLetterTargetArn", target);
    policy.put("maxReceiveCount", max);
    return policy.toString();
  }

  /** CloudFormation's {@code [{Key, Value}]}. */
  private Map<String, String> tags(Object value, String at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      warnings.add(at + "Tags: a list of {Key, Value} is needed, ignored");
      return out;
    }
    for (Object o : list) {
      Map<String, Object> tag = SamReader.map(o);
      if (tag.get("Key") == null) {
        warnings.add(at + "Tags: an entry without Key, ignored");
        continue;
      }
      out.put(
          String.valueOf(tag.get("Key")),
          tag.get("Value") == null ? "" : String.valueOf(tag.get("Value")));
    }
    return out;
  }

  /**
   * The queues with every dead-letter queue of the template before the queues that name it, else in
   * template order (SQS checks that a redrive policy's target exists).
   */
  static List<SamQueue> deadLettersFirst(List<SamQueue> queues) {
    List<SamQueue> out = new ArrayList<>();
    List<SamQueue> left = new ArrayList<>(queues);
    while (!left.isEmpty()) {
      SamQueue next = left.get(0);
      for (SamQueue q : left) {
        if (left.stream().noneMatch(other -> other != q && deadLetterOf(q, other))) {
          next = q;
          break;
        }
      }
      out.add(next);
      left.remove(next);
    }
    return out;
  }

  private static boolean deadLetterOf(SamQueue source, SamQueue dlq) {
    String policy = source.attributes().get("RedrivePolicy");
    return policy != null && policy.contains("\"" + dlq.arn() + "\"");
  }

  static boolean bool(Object v) {
    return String.valueOf(v).trim().toLowerCase(Locale.ROOT).equals("true");
  }

  private static long number(Object v, String at) throws TemplateException {
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(at + ": '" + v + "' is not a whole number");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
