package dev.outlet.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's rules for FIFO queues: the name and {@code FifoQueue} agree, the FIFO attributes' values,
 * and what a send to a FIFO queue must carry ({@code MessageGroupId}, a deduplication id given or
 * made from the body, no per-message delay). Pure; throws the {@link SqsError} AWS answers.
 */
final class Fifo {
  /** How long a deduplication id is remembered after its message was sent. */
  static final long DEDUP_WINDOW_MILLIS = 5 * 60 * 1000L;

  static final String SUFFIX = ".fifo";

  /** Group ids, deduplication ids and receive attempt ids: alphanumerics and punctuation. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!-/:-@\\[-`{-~]{1,128}");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  private static final Map<String, java.util.Set<String>> CHOICES =
      Map.of(
          "ContentBasedDeduplication", java.util.Set.of("true", "false"),
          "DeduplicationScope", java.util.Set.of("queue", "messageGroup"),
          "FifoThroughputLimit", java.util.Set.of("perQueue", "perMessageGroupId"));

  /** What a FIFO queue shows for the FIFO attributes it was not given. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "FifoQueue", "true",
          "ContentBasedDeduplication", "false",
          "DeduplicationScope", "queue",
          "FifoThroughputLimit", "perQueue");

  private Fifo() {}

  /**
   * Whether CreateQueue makes a FIFO queue of {@code name} with {@code attributes}: the name ends
   * with {@code .fifo} exactly when {@code FifoQueue} is {@code true}.
   */
  static boolean creates(String name, Map<String, String> attributes) {
    String flag = attributes == null ? null : attributes.get("FifoQueue");
    boolean fifo = false;
    if (flag != null) {
      String v = flag.trim().toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw SqsError.INVALID_ATTRIBUTE_VALUE.with("Invalid value for the parameter FifoQueue.");
      }
      fifo = v.equals("true");
    }
    if (fifo && !NAME.matcher(name).matches()) {
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
              + " underscores, must end with .fifo suffix and be 1 to 80 in length.");
    }
    return fifo;
  }

  /** {@code value} of FIFO attribute {@code name} normalized; {@code InvalidAttributeValue}. */
  static String attribute(String name, String value) {
    String v = value == null ? "" : value.trim();
    if (name.equals("ContentBasedDeduplication")) {
      v = v.toLowerCase(Locale.ROOT);
    }
    if (!CHOICES.get(name).contains(v)) {
      throw SqsError.INVALID_ATTRIBUTE_VALUE.with("Invalid value for the parameter " + name + ".");
    }
    return v;
  }

  /** Checks that a FIFO queue's merged attributes agree with each other. */
  static void checkCombination(Map<String, String> attributes) {
    if ("perMessageGroupId".equals(attributes.get("FifoThroughputLimit"))
        && !"messageGroup".equals(attributes.get("DeduplicationScope"))) {
      throw SqsError.INVALID_ATTRIBUTE_VALUE.with(
          "Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId"
              + " value is allowed only when the value for DeduplicationScope is messageGroup.");
    }
  }

  /** What one send to a FIFO queue carries once checked. */
  record Keys(String groupId, String dedupId) {}

  /**
   * Checks a send to a FIFO queue of {@code settings}: the group id it must carry, no delay of its
   * own, and its deduplication id (given, or the SHA-256 of the body under content-based
   * deduplication).
   */
  static Keys send(
      QueueSettings settings, String body, String groupId, String dedupId, Integer delaySeconds) {
    if (groupId == null || groupId.isEmpty()) {
      throw SqsError.missing("MessageGroupId");
    }
    token("MessageGroupId", groupId);
    if (delaySeconds != null) {
      throw SqsError.invalidValue(
          "DelaySeconds",
          delaySeconds,
          "The request include parameter that is not valid for this queue type");
    }
    if (dedupId != null) {
      token("MessageDeduplicationId", dedupId);
      return new Keys(groupId, dedupId);
    }
    if (!settings.contentBasedDeduplication()) {
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          "The queue should either have ContentBasedDeduplication enabled or"
              + " MessageDeduplicationId provided explicitly");
    }
    return new Keys(groupId, sha256(body == null ? "" : body));
  }

  /** Refuses FIFO-only parameters sent to a standard queue. */
  static void standard(String groupId, String dedupId) {
    if (groupId != null) {
      throw SqsError.invalidValue(
          "MessageGroupId",
          groupId,
          "The request include parameter that is not valid for this queue type");
    }
    if (dedupId != null) {
      throw SqsError.invalidValue(
          "MessageDeduplicationId",
          dedupId,
          "The request include parameter that is not valid for this queue type");
    }
  }

  /** Checks an optional {@code ReceiveRequestAttemptId}. */
  static void attemptId(String attemptId) {
    if (attemptId != null) {
      token("ReceiveRequestAttemptId", attemptId);
    }
  }

  /** The {@code SequenceNumber} AWS-like (20 digits, increasing) of message {@code seq}. */
  static String sequenceNumber(long seq) {
    return "1" + String.format(Locale.ROOT, "%019d", seq);
  }

  private static void token(String parameter, String value) {
    if (!TOKEN.matcher(value).matches()) {
      throw SqsError.invalidValue(
          parameter,
          value,
          parameter
              + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  static String sha256(String body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
