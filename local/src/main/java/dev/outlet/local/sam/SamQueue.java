package dev.outlet.local.sam;

import java.util.Map;

/**
 * One {@code AWS::SQS::Queue} with its intrinsics resolved.
 *
 * @param name {@code QueueName} when set, else CloudFormation's {@code
 *     <stack>-<LogicalId>-<SUFFIX>}, the suffix derived from the stack and logical id so every
 *     deploy names the same queue ({@code .fifo} appended for a FIFO queue)
 * @param attributes the SQS attributes the template sets, as SetQueueAttributes takes them ({@code
 *     VisibilityTimeout → "60"}, {@code RedrivePolicy → {"deadLetterTargetArn":..}}), {@code
 *     FifoQueue} included when true
 * @param tags the queue's tags
 * @param arn {@code arn:aws:sqs:<region>:<account>:<name>}
 * @param url the queue URL on the endpoint the template is read for
 */
public record SamQueue(
    String logicalId,
    String name,
    Map<String, String> attributes,
    Map<String, String> tags,
    String arn,
    String url) {

  public SamQueue {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public boolean fifo() {
    return "true".equals(attributes.get("FifoQueue"));
  }

  /** What other resources of the template can ask of a queue: its name, ARN and URL. */
  record Names(String name, String arn, String url) {}
}
