package dev.outlet.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a function's answer to a batch means when the mapping reports batch item failures, as Lambda
 * reads it: no answer, {@code null}, no {@code batchItemFailures} or an empty one is a success of
 * the whole batch; each failure's {@code itemIdentifier} names a message of the batch that failed;
 * a malformed answer, or an identifier that is empty, missing or not one of the batch's message
 * ids, fails the whole batch. Pure.
 */
sealed interface BatchResponse {
  /** Every message of the batch succeeded. */
  record AllSucceeded() implements BatchResponse {}

  /** These messages failed; the others succeeded. */
  record Partial(Set<String> failed) implements BatchResponse {}

  /** The whole batch failed. */
  record AllFailed(String why) implements BatchResponse {}

  ObjectMapper JSON = new ObjectMapper();

  static BatchResponse read(byte[] answer, Set<String> batchIds) {
    JsonNode root;
    try {
      root = answer.length == 0 ? null : JSON.readTree(answer);
    } catch (JsonProcessingException | NumberFormatException e) {
      return new AllFailed("the function's answer is not JSON");
    } catch (IOException e) {
      return new AllFailed("the function's answer cannot be read");
    }
    if (root == null || root.isNull() || !root.isObject()) {
      return new AllSucceeded();
    }
    JsonNode failures = root.get("batchItemFailures");
    if (failures == null || failures.isNull() || failures.isEmpty() && failures.isArray()) {
      return new AllSucceeded();
    }
    if (!failures.isArray()) {
      return new AllFailed("batchItemFailures is not a list");
    }
    Set<String> failed = new LinkedHashSet<>();
    for (JsonNode f : failures) {
      JsonNode id = f.isObject() ? f.get("itemIdentifier") : null;
      if (id == null || !id.isTextual() || id.asText().isEmpty()) {
        return new AllFailed("a batch item failure has no itemIdentifier");
      }
      if (!batchIds.contains(id.asText())) {
        return new AllFailed(
            "the itemIdentifier " + id.asText() + " is not a message id of the batch");
      }
      failed.add(id.asText());
    }
    return new Partial(Set.copyOf(failed));
  }
}
