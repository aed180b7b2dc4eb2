package dev.outlet.sqs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The operations' inputs as the JSON protocol names their members; the query protocol's flattened
 * forms are first shaped alike ({@link QueryInput}). Members a client left out are null.
 */
final class Inputs {
  private Inputs() {}

  /** An input that names its queue by URL (the query protocol may name it by the path instead). */
  interface ByUrl {
    String queueUrl();
  }

  record CreateQueue(
      @JsonProperty("QueueName") String queueName,
      @JsonProperty("Attributes") Map<String, String> attributes,
      @JsonProperty("tags") Map<String, String> tags) {}

  record QueueUrlOnly(@JsonProperty("QueueUrl") String queueUrl) implements ByUrl {}

  record ListQueues(
      @JsonProperty("QueueNamePrefix") String queueNamePrefix,
      @JsonProperty("MaxResults") Integer maxResults,
      @JsonProperty("NextToken") String nextToken) {}

  record ListSources(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("MaxResults") Integer maxResults,
      @JsonProperty("NextToken") String nextToken)
      implements ByUrl {}

  record GetQueueUrl(
      @JsonProperty("QueueName") String queueName,
      @JsonProperty("QueueOwnerAWSAccountId") String owner) {}

  record GetQueueAttributes(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("AttributeNames") List<String> attributeNames)
      implements ByUrl {}

  record SetQueueAttributes(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("Attributes") Map<String, String> attributes)
      implements ByUrl {}

  record SendMessage(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("MessageBody") String messageBody,
      @JsonProperty("DelaySeconds") Integer delaySeconds,
      @JsonProperty("MessageAttributes") Map<String, MessageAttribute> messageAttributes,
      @JsonProperty("MessageSystemAttributes") Map<String, MessageAttribute> systemAttributes,
      @JsonProperty("MessageGroupId") String messageGroupId,
      @JsonProperty("MessageDeduplicationId") String messageDeduplicationId)
      implements ByUrl {}

  record SendEntry(
      @JsonProperty("Id") String id,
      @JsonProperty("MessageBody") String messageBody,
      @JsonProperty("DelaySeconds") Integer delaySeconds,
      @JsonProperty("MessageAttributes") Map<String, MessageAttribute> messageAttributes,
      @JsonProperty("MessageSystemAttributes") Map<String, MessageAttribute> systemAttributes,
      @JsonProperty("MessageGroupId") String messageGroupId,
      @JsonProperty("MessageDeduplicationId") String messageDeduplicationId) {}

  record SendMessageBatch(
      @JsonProperty("QueueUrl") String queueUrl, @JsonProperty("Entries") List<SendEntry> entries)
      implements ByUrl {}

  record ReceiveMessage(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("AttributeNames") List<String> attributeNames,
      @JsonProperty("MessageSystemAttributeNames") List<String> systemAttributeNames,
      @JsonProperty("MessageAttributeNames") List<String> messageAttributeNames,
      @JsonProperty("MaxNumberOfMessages") Integer maxNumberOfMessages,
      @JsonProperty("VisibilityTimeout") Integer visibilityTimeout,
      @JsonProperty("WaitTimeSeconds") Integer waitTimeSeconds,
      @JsonProperty("ReceiveRequestAttemptId") String receiveRequestAttemptId)
      implements ByUrl {}

  record DeleteMessage(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("ReceiptHandle") String receiptHandle)
      implements ByUrl {}

  record HandleEntry(
      @JsonProperty("Id") String id,
      @JsonProperty("ReceiptHandle") String receiptHandle,
      @JsonProperty("VisibilityTimeout") Integer visibilityTimeout) {}

  record HandleBatch(
      @JsonProperty("QueueUrl") String queueUrl, @JsonProperty("Entries") List<HandleEntry> entries)
      implements ByUrl {}

  record ChangeMessageVisibility(
      @JsonProperty("QueueUrl") String queueUrl,
      @JsonProperty("ReceiptHandle") String receiptHandle,
      @JsonProperty("VisibilityTimeout") Integer visibilityTimeout)
      implements ByUrl {}

  record TagQueue(
      @JsonProperty("QueueUrl") String queueUrl, @JsonProperty("Tags") Map<String, String> tags)
      implements ByUrl {}

  record UntagQueue(
      @JsonProperty("QueueUrl") String queueUrl, @JsonProperty("TagKeys") List<String> tagKeys)
      implements ByUrl {}

  record StartMessageMoveTask(
      @JsonProperty("SourceArn") String sourceArn,
      @JsonProperty("DestinationArn") String destinationArn,
      @JsonProperty("MaxNumberOfMessagesPerSecond") Integer maxNumberOfMessagesPerSecond) {}

  record ListMessageMoveTasks(
      @JsonProperty("SourceArn") String sourceArn,
      @JsonProperty("MaxResults") Integer maxResults) {}

  record CancelMessageMoveTask(@JsonProperty("TaskHandle") String taskHandle) {}
}
