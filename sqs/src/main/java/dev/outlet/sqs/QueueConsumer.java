package dev.outlet.sqs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The queues of one region as a Lambda event source mapping reads them, by ARN: receives that wait
 * without a thread, deletes and releases by receipt handle, and what CreateEventSourceMapping
 * checks. A message received here is received as by {@code ReceiveMessage}: its receive count grows
 * and the queue's redrive policy moves it to the dead-letter queue once it is spent. Thread-safe.
 */
public final class QueueConsumer {
  /** A queue the mapping names does not exist (any more). */
  public static final class NoSuchQueue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSuchQueue(String arn) {
      super("The queue " + arn + " does not exist.");
    }
  }

  /**
   * A received message with what Lambda's SQS event carries: every system attribute and every
   * message attribute, and their digests.
   */
  public record Delivered(
      String messageId,
      String receiptHandle,
      String body,
      Map<String, String> attributes,
      Map<String, MessageAttribute> messageAttributes,
      String md5OfBody,
      String md5OfMessageAttributes) {}

  private final Queues queues;
  private final Messages messages;

  QueueConsumer(Queues queues, Messages messages) {
    this.queues = queues;
    this.messages = messages;
  }

  /** The visibility timeout of the queue {@code arn} names, or empty when there is none. */
  public OptionalInt visibilityTimeout(String arn) {
    Queue q = queues.byArn(arn);
    return q == null ? OptionalInt.empty() : OptionalInt.of(q.settings().visibilityTimeout());
  }

  /** How many messages of queue {@code arn} are visible now (0 when there is none). */
  public long backlog(String arn) {
    Queue q = queues.byArn(arn);
    return q == null ? 0 : q.state().counts(messages.clock().millis()).visible();
  }

  /**
   * Receives up to {@code max} messages, waiting up to {@code waitMillis} for the first; fails with
   * {@link NoSuchQueue} when the queue is gone.
   */
  public CompletableFuture<List<Delivered>> receive(String arn, int max, long waitMillis) {
    Queue q = queues.byArn(arn);
    if (q == null) {
      return CompletableFuture.failedFuture(new NoSuchQueue(arn));
    }
    String sender = queues.account();
    CompletableFuture<List<StoredMessage>> source =
        messages.receiveWithin(q.name(), max, null, waitMillis);
    CompletableFuture<List<Delivered>> result =
        source.thenApply(taken -> taken.stream().map(m -> delivered(m, sender)).toList());
    result.whenComplete(
        (r, e) -> {
          if (result.isCancelled()) {
            source.cancel(false); // a parked poll that ends now takes nothing
          }
        });
    return result;
  }

  private static Delivered delivered(StoredMessage m, String sender) {
    Results.Message view = MessageOps.view(m, List.of("All"), List.of("All"), sender);
    return new Delivered(
        view.messageId(),
        view.receiptHandle(),
        view.body(),
        view.attributes(),
        view.messageAttributes(),
        view.md5OfBody(),
        view.md5OfMessageAttributes());
  }

  /**
   * Deletes the messages {@code handles} name (those still there); nothing when the queue is gone.
   */
  public void delete(String arn, Collection<String> handles) {
    Queue q = queues.byArn(arn);
    if (q != null) {
      messages.deleteAll(q, handles);
    }
  }

  /**
   * Makes the messages {@code handles} name visible again now (those still in flight), in one
   * commit; a message deleted or already visible again is left as it is.
   */
  public void release(String arn, Collection<String> handles) {
    Queue q = queues.byArn(arn);
    if (q == null || handles.isEmpty()) {
      return;
    }
    try {
      messages.changeVisibility(
          q, handles.stream().map(h -> new Messages.VisibilityChange(h, 0)).toList());
    } catch (RuntimeException storeFailed) {
      // not released: they return after their visibility timeout instead
    }
  }
}
