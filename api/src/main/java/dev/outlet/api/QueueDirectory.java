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
}
