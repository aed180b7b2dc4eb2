package dev.outlet.events;

import java.util.Map;

/**
 * Where rules' SQS targets and invocations' SQS destinations send: the region's queues (the {@code
 * sqs} module's service, wired by the server).
 */
@FunctionalInterface
public interface QueueSender {
  QueueSender NONE = (arn, body, strings, numbers) -> false;

  /**
   * Sends {@code body} with String and Number message attributes; false when there is no queue
   * {@code queueArn}.
   */
  boolean send(
      String queueArn, String body, Map<String, String> strings, Map<String, String> numbers);
}
