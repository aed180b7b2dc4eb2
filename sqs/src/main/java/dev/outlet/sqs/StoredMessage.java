package dev.outlet.sqs;

import java.util.Map;

/**
 * One message of a queue, as stored and indexed: what was sent and its delivery state. Immutable; a
 * receive or a visibility change makes a new one.
 *
 * @param seq its place in the store (also in its receipt handles and, on a FIFO queue, its {@code
 *     SequenceNumber}): increasing in the order messages were sent, never reused
 * @param id the {@code MessageId}
 * @param body the body
 * @param attributes the message attributes by name (empty when none)
 * @param sentAt when it was sent, epoch milliseconds
 * @param visibleAt from when it can be received, epoch milliseconds (delay, visibility timeout)
 * @param receiveCount how often it was received
 * @param firstReceiveAt its first receive, epoch milliseconds, 0 before
 * @param groupId its {@code MessageGroupId} (FIFO queues), else null
 * @param dedupId its {@code MessageDeduplicationId} (FIFO queues), else null
 * @param origin the queue it was dead-lettered from, else null (where a move task returns it)
 */
record StoredMessage(
    long seq,
    String id,
    String body,
    Map<String, MessageAttribute> attributes,
    long sentAt,
    long visibleAt,
    int receiveCount,
    long firstReceiveAt,
    String groupId,
    String dedupId,
    String origin) {

  StoredMessage {
    attributes = Map.copyOf(attributes);
  }

  /** This message received at {@code now}, invisible for {@code visibilitySeconds}. */
  StoredMessage received(long now, int visibilitySeconds) {
    return new StoredMessage(
        seq,
        id,
        body,
        attributes,
        sentAt,
        now + visibilitySeconds * 1000L,
        receiveCount + 1,
        firstReceiveAt == 0 ? now : firstReceiveAt,
        groupId,
        dedupId,
        origin);
  }

  /** This message visible from {@code at}. */
  StoredMessage visibleFrom(long at) {
    return new StoredMessage(
        seq,
        id,
        body,
        attributes,
        sentAt,
        at,
        receiveCount,
        firstReceiveAt,
        groupId,
        dedupId,
        origin);
  }

  /** This message moved at {@code now} to a dead-letter queue from queue {@code from}. */
  StoredMessage deadLettered(long now, String from) {
    return new StoredMessage(
        seq,
        id,
        body,
        attributes,
        sentAt,
        now,
        receiveCount,
        firstReceiveAt,
        groupId,
        dedupId,
        from);
  }

  /** This message moved out of a dead-letter queue at {@code now}: as if never received. */
  StoredMessage redriven(long now) {
    return new StoredMessage(seq, id, body, attributes, sentAt, now, 0, 0, groupId, dedupId, null);
  }

  /** Whether it is received and not yet visible again at {@code now}. */
  boolean inFlight(long now) {
    return receiveCount > 0 && visibleAt > now;
  }

  /** Whether it was never received and its delay has not passed at {@code now}. */
  boolean delayed(long now) {
    return receiveCount == 0 && visibleAt > now;
  }
}
