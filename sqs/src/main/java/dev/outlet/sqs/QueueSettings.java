package dev.outlet.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A queue's settable attributes, checked against AWS's ranges, with AWS's defaults for those not
 * given. The attributes are kept by name as the client set them (normalized: numbers without
 * leading zeros, the redrive policy as AWS writes it). Immutable.
 *
 * @param attributes the settable attributes by name, every one present
 */
record QueueSettings(Map<String, String> attributes) {
  static final Map<String, String> DEFAULTS =
      Map.of(
          "DelaySeconds", "0",
          "MaximumMessageSize", "262144",
          "MessageRetentionPeriod", "345600",
          "ReceiveMessageWaitTimeSeconds", "0",
          "VisibilityTimeout", "30");

  private static final Map<String, long[]> RANGES =
      Map.of(
          "DelaySeconds", new long[] {0, 900},
          "MaximumMessageSize", new long[] {1024, 262144},
          "MessageRetentionPeriod", new long[] {60, 1209600},
          "ReceiveMessageWaitTimeSeconds", new long[] {0, 20},
          "VisibilityTimeout", new long[] {0, 43200},
          "KmsDataKeyReusePeriodSeconds", new long[] {60, 86400});

  /** Settable attributes without a range of their own. */
  private static final Set<String> FREE =
      Set.of(
          "Policy",
          "RedrivePolicy",
          "RedriveAllowPolicy",
          "KmsMasterKeyId",
          "SqsManagedSseEnabled");

  private static final Set<String> FIFO =
      Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

  QueueSettings {
    attributes = Map.copyOf(attributes);
  }

  /** A new queue's settings before its given attributes are laid over. */
  static QueueSettings defaults(boolean fifo) {
    if (!fifo) {
      return new QueueSettings(DEFAULTS);
    }
    Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
    all.putAll(Fifo.DEFAULTS);
    return new QueueSettings(all);
  }

  /**
   * {@code given} checked and normalized (an empty redrive policy removes it), as a map to lay over
   * the current settings of a {@code fifo} queue; {@code FifoQueue} only when {@code creating}.
   * Throws {@code InvalidAttributeName} or {@code InvalidAttributeValue}.
   */
  static Map<String, String> check(Map<String, String> given, boolean fifo, boolean creating) {
    Map<String, String> checked = new TreeMap<>();
    if (given == null) {
      return checked;
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      String name = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      if (name.equals("FifoQueue") && creating) {
        if (fifo) {
          checked.put(name, "true"); // Fifo.creates checked it
        }
      } else if (FIFO.contains(name) && fifo && !name.equals("FifoQueue")) {
        checked.put(name, Fifo.attribute(name, value));
      } else if (RANGES.containsKey(name)) {
        checked.put(name, Long.toString(number(name, value, RANGES.get(name))));
      } else if (name.equals("RedrivePolicy")) {
        checked.put(name, value.isEmpty() ? "" : RedrivePolicy.parse(value).json());
      } else if (FREE.contains(name)) {
        checked.put(name, value);
      } else {
        throw SqsError.INVALID_ATTRIBUTE_NAME.with("Unknown Attribute " + name + ".");
      }
    }
    return checked;
  }

  private static long number(String name, String value, long[] range) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw SqsError.INVALID_ATTRIBUTE_VALUE.with("Invalid value for the parameter " + name + ".");
    }
    if (n < range[0] || n > range[1]) {
      throw SqsError.INVALID_ATTRIBUTE_VALUE.with("Invalid value for the parameter " + name + ".");
    }
    return n;
  }

  /** These settings with {@code checked} laid over ({@link #check}ed first). */
  QueueSettings with(Map<String, String> checked) {
    Map<String, String> merged = new LinkedHashMap<>(attributes);
    checked.forEach(
        (k, v) -> {
          if (v.isEmpty() && (k.equals("RedrivePolicy") || k.equals("Policy"))) {
            merged.remove(k);
          } else {
            merged.put(k, v);
          }
        });
    return new QueueSettings(merged);
  }

  /** The first attribute in {@code checked} whose value differs from this queue's, or null. */
  String differing(Map<String, String> checked) {
    for (Map.Entry<String, String> e : checked.entrySet()) {
      String mine = attributes.getOrDefault(e.getKey(), "");
      if (!mine.equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Whether the queue is a FIFO queue (fixed when it is created). */
  boolean fifo() {
    return "true".equals(attributes.get("FifoQueue"));
  }

  boolean contentBasedDeduplication() {
    return "true".equals(attributes.get("ContentBasedDeduplication"));
  }

  /** Whether deduplication ids are per message group rather than per queue. */
  boolean dedupPerGroup() {
    return "messageGroup".equals(attributes.get("DeduplicationScope"));
  }

  int visibilityTimeout() {
    return Integer.parseInt(attributes.get("VisibilityTimeout"));
  }

  int delaySeconds() {
    return Integer.parseInt(attributes.get("DelaySeconds"));
  }

  int waitSeconds() {
    return Integer.parseInt(attributes.get("ReceiveMessageWaitTimeSeconds"));
  }

  int maximumMessageSize() {
    return Integer.parseInt(attributes.get("MaximumMessageSize"));
  }

  long retentionSeconds() {
    return Long.parseLong(attributes.get("MessageRetentionPeriod"));
  }

  /** The dead-letter policy, or null. */
  RedrivePolicy redrive() {
    String policy = attributes.get("RedrivePolicy");
    return policy == null || policy.isEmpty() ? null : RedrivePolicy.parse(policy);
  }
}
