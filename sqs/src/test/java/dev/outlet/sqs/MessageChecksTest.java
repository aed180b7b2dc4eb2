package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageChecksTest {
  private static final QueueSettings DEFAULTS = QueueSettings.defaults(false);

  private static MessageAttribute string(String value) {
    return new MessageAttribute(value, null, "String");
  }

  private static void refused(Runnable check, String code, String message) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.queryCode()).isEqualTo(code);
              org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void aBodyOfTheMaximumSizePassesOneByteMoreIsRefusedAsAwsWordsIt() {
    assertThatCode(() -> MessageChecks.check("x".repeat(262_144), null, null, DEFAULTS))
        .doesNotThrowAnyException();
    refused(
        () -> MessageChecks.check("x".repeat(262_145), null, null, DEFAULTS),
        "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.");
    refused(
        () ->
            MessageChecks.check(
                "x".repeat(262_140), null, Map.of("name", string("value")), DEFAULTS),
        "InvalidParameterValue",
        "Message must be shorter than 262144 bytes.");
  }

  @Test
  void charactersOutsideXmlAreRefused() {
    refused(
        () -> MessageChecks.check("a\u0000b", null, null, DEFAULTS),
        "InvalidMessageContents",
        "Invalid binary character '#x0'");
    refused(
        () -> MessageChecks.check("\uFFFF", null, null, DEFAULTS),
        "InvalidMessageContents",
        "#xFFFF");
    assertThatCode(() -> MessageChecks.check("tab\there\r\n😀", null, null, DEFAULTS))
        .doesNotThrowAnyException();
  }

  @Test
  void emptyBodiesAndDelaysOutOfRangeAreRefused() {
    refused(() -> MessageChecks.check("", null, null, DEFAULTS), "MissingParameter", "MessageBody");
    refused(
        () -> MessageChecks.check("x", 901, null, DEFAULTS),
        "InvalidParameterValue",
        "Value 901 for parameter DelaySeconds is invalid.");
  }

  @Test
  void attributeNamesTypesAndValuesFollowAwsRules() {
    for (String bad : new String[] {"AWS.x", "amazon.y", ".a", "a.", "a..b", "sp ace", "é"}) {
      refused(
          () -> MessageChecks.attributes(Map.of(bad, string("v"))),
          "InvalidParameterValue",
          "'" + bad + "'");
    }
    assertThatCode(
            () ->
                MessageChecks.attributes(
                    Map.of(
                        "a.b-c_D9",
                        string("v"),
                        "n",
                        new MessageAttribute("-1.5e3", null, "Number"))))
        .doesNotThrowAnyException();
    refused(
        () -> MessageChecks.attributes(Map.of("n", new MessageAttribute("abc", null, "Number"))),
        "InvalidParameterValue",
        "Can't cast the value of message (user) attribute 'n' to a number.");
    refused(
        () -> MessageChecks.attributes(Map.of("t", new MessageAttribute("v", null, "Text"))),
        "InvalidParameterValue",
        "supported type prefixes");
    refused(
        () -> MessageChecks.attributes(Map.of("t", new MessageAttribute(null, null, "String"))),
        "InvalidParameterValue",
        "must contain a non-empty message attribute value");
    refused(
        () -> MessageChecks.attributes(Map.of("t", new MessageAttribute("v", null, null))),
        "InvalidParameterValue",
        "must contain a non-empty message attribute type");
    Map<String, MessageAttribute> eleven = new HashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("a" + i, string("v"));
    }
    refused(
        () -> MessageChecks.attributes(eleven),
        "InvalidParameterValue",
        "Number of message attributes [11] exceeds the allowed maximum [10].");
  }

  @Test
  void queueAttributesAreCheckedAgainstTheirRanges() {
    refused(
        () -> QueueSettings.check(Map.of("VisibilityTimeout", "43201"), false, false),
        "InvalidAttributeValue",
        "VisibilityTimeout");
    refused(
        () -> QueueSettings.check(Map.of("Colour", "1"), false, false),
        "InvalidAttributeName",
        "Colour");
    refused(
        () -> QueueSettings.check(Map.of("ContentBasedDeduplication", "true"), false, false),
        "InvalidAttributeName",
        "ContentBasedDeduplication");
    refused(
        () -> QueueSettings.check(Map.of("FifoQueue", "true"), true, false),
        "InvalidAttributeName",
        "FifoQueue");
    refused(
        () -> QueueSettings.check(Map.of("DeduplicationScope", "group"), true, false),
        "InvalidAttributeValue",
        "DeduplicationScope");
    refused(
        () -> QueueSettings.check(Map.of("RedrivePolicy", "{\"maxReceiveCount\":3}"), false, false),
        "InvalidParameterValue",
        "deadLetterTargetArn");
    refused(
        () ->
            QueueSettings.check(
                Map.of(
                    "RedrivePolicy",
                    "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:d\",\"maxReceiveCount\":0}"),
                false,
                false),
        "InvalidParameterValue",
        "maxReceiveCount");
  }
}
