package dev.outlet.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A queue's dead-letter queue: after {@code maxReceiveCount} receives a message goes to {@code
 * deadLetterTargetArn} instead of being delivered again.
 */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The policy {@code text} holds; {@code InvalidParameterValue} as AWS words it otherwise. */
  static RedrivePolicy parse(String text) {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (IOException | RuntimeException e) {
      throw SqsError.invalidValue("RedrivePolicy", text, "Invalid value for the parameter.");
    }
    if (tree == null || !tree.isObject()) {
      throw SqsError.invalidValue("RedrivePolicy", text, "Invalid value for the parameter.");
    }
    JsonNode arn = tree.get("deadLetterTargetArn");
    JsonNode count = tree.get("maxReceiveCount");
    if (arn == null || !arn.isTextual() || count == null) {
      throw SqsError.invalidValue(
          "RedrivePolicy",
          text,
          "Redrive policy does not contain mandatory attribute: "
              + (arn == null || !arn.isTextual() ? "deadLetterTargetArn" : "maxReceiveCount")
              + ".");
    }
    int max;
    try {
      max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
    } catch (NumberFormatException e) {
      max = -1;
    }
    if (max < 1 || max > 1000 || (count.isNumber() && !count.canConvertToExactIntegral())) {
      throw SqsError.invalidValue(
          "RedrivePolicy",
          text,
          "Invalid value for maxReceiveCount: "
              + count.asText()
              + ", valid values are from 1 to 1000 both inclusive.");
    }
    return new RedrivePolicy(arn.asText(), max);
  }

  /** The policy as AWS answers it in {@code GetQueueAttributes}. */
  String json() {
    return "{\"deadLetterTargetArn\":\""
        + deadLetterTargetArn.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"maxReceiveCount\":"
        + maxReceiveCount
        + "}";
  }
}
