package dev.outlet.sqs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The operations' results, one record per output shape, members named as the JSON protocol names
 * them; {@link QueryReplies} writes the same records as the query protocol's XML.
 */
sealed interface Results {
  /** No output members (DeleteQueue, DeleteMessage, ...). */
  record Empty() implements Results {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record QueueUrl(@JsonProperty("QueueUrl") String queueUrl) implements Results {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record QueueUrls(
      @JsonProperty("QueueUrls") List<String> queueUrls,
      @JsonProperty("NextToken") String nextToken)
      implements Results {}

  /**
   * ListDeadLetterSourceQueues' output (its list is {@code queueUrls} in JSON, as AWS names it).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SourceQueues(
      @JsonProperty("queueUrls") List<String> queueUrls,
      @JsonProperty("NextToken") String nextToken)
      implements Results {}

  record Attributes(@JsonProperty("Attributes") Map<String, String> attributes)
      implements Results {}

  record Tags(@JsonProperty("Tags") Map<String, String> tags) implements Results {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sent(
      @JsonProperty("MessageId") String messageId,
      @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MD5OfMessageSystemAttributes") String md5OfMessageSystemAttributes,
      @JsonProperty("SequenceNumber") String sequenceNumber)
      implements Results {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SentEntry(
      @JsonProperty("Id") String id,
      @JsonProperty("MessageId") String messageId,
      @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MD5OfMessageSystemAttributes") String md5OfMessageSystemAttributes,
      @JsonProperty("SequenceNumber") String sequenceNumber) {}

  record Failed(
      @JsonProperty("Id") String id,
      @JsonProperty("SenderFault") boolean senderFault,
      @JsonProperty("Code") String code,
      @JsonProperty("Message") String message) {}

  record SentBatch(
      @JsonProperty("Successful") List<SentEntry> successful,
      @JsonProperty("Failed") List<Failed> failed)
      implements Results {}

  record Done(@JsonProperty("Id") String id) {}

  /** DeleteMessageBatch's and ChangeMessageVisibilityBatch's output. */
  record DoneBatch(
      @JsonProperty("Successful") List<Done> successful,
      @JsonProperty("Failed") List<Failed> failed)
      implements Results {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Message(
      @JsonProperty("MessageId") String messageId,
      @JsonProperty("ReceiptHandle") String receiptHandle,
      @JsonProperty("MD5OfBody") String md5OfBody,
      @JsonProperty("Body") String body,
      @JsonProperty("Attributes") Map<String, String> attributes,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MessageAttributes") Map<String, MessageAttribute> messageAttributes) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Received(@JsonProperty("Messages") List<Message> messages) implements Results {}

  /** StartMessageMoveTask's output. */
  record TaskHandle(@JsonProperty("TaskHandle") String taskHandle) implements Results {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MoveTask(
      @JsonProperty("TaskHandle") String taskHandle,
      @JsonProperty("Status") String status,
      @JsonProperty("SourceArn") String sourceArn,
      @JsonProperty("DestinationArn") String destinationArn,
      @JsonProperty("MaxNumberOfMessagesPerSecond") Integer maxNumberOfMessagesPerSecond,
      @JsonProperty("ApproximateNumberOfMessagesMoved") long approximateNumberOfMessagesMoved,
      @JsonProperty("ApproximateNumberOfMessagesToMove") Long approximateNumberOfMessagesToMove,
      @JsonProperty("FailureReason") String failureReason,
      @JsonProperty("StartedTimestamp") long startedTimestamp) {}

  /** ListMessageMoveTasks' output. */
  record MoveTasks(@JsonProperty("Results") List<MoveTask> results) implements Results {}

  /** CancelMessageMoveTask's output. */
  record Cancelled(
      @JsonProperty("ApproximateNumberOfMessagesMoved") long approximateNumberOfMessagesMoved)
      implements Results {}
}
