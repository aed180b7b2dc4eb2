package dev.outlet.api;

/**
 * Which SQS queues exist, asked when a dead-letter queue or a destination names one: a queue of the
 * region that does not exist is refused at configuration time, as AWS refuses it, rather than found
 * missing when the first event fails.
 */
@FunctionalInterface
public interface QueueDirectory {
  /** Knows no queue: every ARN passes. */
  QueueDirectory ANY = arn -> true;

  /** Whether {@code arn} may name a queue: false only for a queue of this region that is not. */
  boolean exists(String arn);

  /**
   * Refuses a function's {@code DeadLetterConfig.TargetArn} (null: none) naming a FIFO queue (AWS's
   * rule) or a queue of this region that does not exist, in AWS's words with the reason.
   */
  default void checkDeadLetter(String arn) {
    if (arn == null || !arn.startsWith("arn:aws:sqs:")) {
      return;
    }
    if (arn.endsWith(".fifo")) {
      throw dev.outlet.core.LambdaException.invalidParameter(
          "The provided target arn "
              + arn
              + " is not a valid SQS queue or SNS topic: a FIFO queue cannot be a dead-letter"
              + " queue of a function; use a standard queue.");
    }
    if (!exists(arn)) {
      throw dev.outlet.core.LambdaException.invalidParameter(
          "The provided target arn "
              + arn
              + " is not a valid SQS queue or SNS topic: the queue does not exist.");
    }
  }
}
