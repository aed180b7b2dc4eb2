package dev.outlet.sqs;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's rules for what is sent: body characters and size, delay, message attributes (at most 10;
 * names of up to 256 of {@code A-Za-z0-9_-.}, not starting with {@code AWS.} or {@code Amazon.}, no
 * leading, trailing or doubled dots; types {@code String}, {@code Number}, {@code Binary} with an
 * optional label; a value of the type). Pure; throws the {@link SqsError} AWS answers.
 */
final class MessageChecks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");
  private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\..{1,255})?");
  private static final String ALLOWED =
      "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF";

  private MessageChecks() {}

  /** Checks one message for queue settings {@code settings}. */
  static void check(
      String body,
      Integer delaySeconds,
      Map<String, MessageAttribute> attributes,
      QueueSettings settings) {
    if (body == null || body.isEmpty()) {
      throw SqsError.missing("MessageBody");
    }
    characters(body, "message body");
    if (delaySeconds != null && (delaySeconds < 0 || delaySeconds > 900)) {
      throw SqsError.invalidValue(
          "DelaySeconds", delaySeconds, "DelaySeconds must be >= 0 and <= 900.");
    }
    int size = Utf8.length(body) + attributes(attributes);
    if (size > settings.maximumMessageSize()) {
      throw SqsError.invalid(
          "Message must be shorter than " + settings.maximumMessageSize() + " bytes.");
    }
  }

  /**
   * Checks message system attributes: only {@code AWSTraceHeader}, a String (Outlet answers its
   * digest, which SDKs verify, and does not keep it).
   */
  static void systemAttributes(Map<String, MessageAttribute> attributes) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      if (!e.getKey().equals("AWSTraceHeader")
          || a == null
          || !"String".equals(a.dataType())
          || a.stringValue() == null
          || a.stringValue().isEmpty()) {
        throw SqsError.invalid(
            "Message system attribute name '"
                + e.getKey()
                + "' is invalid: only AWSTraceHeader, a non-empty String, is supported.");
      }
      characters(a.stringValue(), "message system attribute '" + e.getKey() + "'");
    }
  }

  /** Checks {@code attributes}; the bytes they count for in the message's size. */
  static int attributes(Map<String, MessageAttribute> attributes) {
    if (attributes == null) {
      return 0;
    }
    if (attributes.size() > 10) {
      throw SqsError.invalid(
          "Number of message attributes ["
              + attributes.size()
              + "] exceeds the allowed maximum [10].");
    }
    int size = 0;
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      String name = e.getKey();
      MessageAttribute a = e.getValue();
      name(name);
      if (a == null || a.dataType() == null || a.dataType().isEmpty()) {
        throw SqsError.invalid(
            "The message attribute '"
                + name
                + "' must contain a non-empty message attribute type.");
      }
      if (!TYPE.matcher(a.dataType()).matches()) {
        throw SqsError.invalid(
            "The type of message (user) attribute '"
                + name
                + "' is invalid. You must use only the following supported type prefixes:"
                + " Binary, Number, String.");
      }
      value(name, a);
      size += a.size(name);
    }
    return size;
  }

  private static void name(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()
        || name.startsWith(".")
        || name.endsWith(".")
        || name.contains("..")
        || lower.startsWith("aws.")
        || lower.startsWith("amazon.")) {
      throw SqsError.invalid(
          "Message (user) attribute name '"
              + name
              + "' is invalid: it may hold up to 256 of A-Z, a-z, 0-9, underscore, hyphen and"
              + " period, not start or end with a period nor hold two in a row, and not start"
              + " with AWS. or Amazon.");
    }
  }

  private static void value(String name, MessageAttribute a) {
    String kind = a.isBinary() ? "Binary" : a.dataType().startsWith("Number") ? "Number" : "String";
    boolean empty =
        a.isBinary()
            ? a.binaryValue() == null || a.binaryValue().length == 0
            : a.stringValue() == null || a.stringValue().isEmpty();
    if (empty) {
      throw SqsError.invalid(
          "The message attribute '"
              + name
              + "' must contain a non-empty message attribute value for message attribute type '"
              + kind
              + "'.");
    }
    if (a.isBinary()) {
      return;
    }
    characters(a.stringValue(), "message attribute '" + name + "'");
    if (kind.equals("Number")) {
      try {
        BigDecimal n = new BigDecimal(a.stringValue().trim());
        if (n.precision() - n.scale() > 126 || n.scale() > 128) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw SqsError.invalid(
            "Can't cast the value of message (user) attribute '" + name + "' to a number.");
      }
    }
  }

  /** {@code InvalidMessageContents} for a character outside XML's. */
  static void characters(String text, String what) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        throw SqsError.INVALID_MESSAGE_CONTENTS.with(
            "Invalid binary character '#x"
                + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                + "' was found in the "
                + what
                + ", the set of allowed characters is "
                + ALLOWED);
      }
      i += Character.charCount(c);
    }
  }
}
