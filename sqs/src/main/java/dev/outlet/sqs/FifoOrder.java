package dev.outlet.sqs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which messages of a FIFO queue a receive takes: in the order they were sent, per message group; a
 * group whose first message is in flight (or still delayed) gives nothing, so at most one batch of
 * a group is in flight at a time and a group's messages are delivered in order. Pure.
 */
final class FifoOrder {
  private FifoOrder() {}

  /**
   * Takes up to {@code max} messages of {@code inOrder} (the queue's messages by sequence number)
   * at {@code now}: each is received for {@code visibilitySeconds}, or moved out when {@code
   * redrive} allows no more receives, or dropped past {@code retentionMillis}.
   */
  static QueueState.Taken take(
      Iterable<StoredMessage> inOrder,
      String queue,
      long now,
      int max,
      int visibilitySeconds,
      RedrivePolicy redrive,
      long retentionMillis) {
    List<StoredMessage> delivered = new ArrayList<>();
    List<StoredMessage> moved = new ArrayList<>();
    List<Long> dropped = new ArrayList<>();
    Set<String> blocked = new HashSet<>();
    for (StoredMessage m : inOrder) {
      if (delivered.size() >= max) {
        break;
      }
      String group = m.groupId() == null ? "" : m.groupId();
      if (blocked.contains(group)) {
        continue;
      }
      if (m.visibleAt() > now) {
        blocked.add(group); // in flight or delayed: the group's later messages wait for it
      } else if (m.sentAt() + retentionMillis <= now) {
        dropped.add(m.seq());
      } else if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()) {
        moved.add(m.deadLettered(now, queue));
      } else {
        delivered.add(m.received(now, visibilitySeconds));
      }
    }
    return new QueueState.Taken(delivered, moved, dropped);
  }

  /**
   * When a receive may next find something: the earliest visible-at instant of a group's first
   * message, or Long.MAX_VALUE when there are no messages.
   */
  static long nextTakeable(Iterable<StoredMessage> inOrder) {
    Set<String> seen = new HashSet<>();
    long next = Long.MAX_VALUE;
    for (StoredMessage m : inOrder) {
      if (seen.add(m.groupId() == null ? "" : m.groupId())) {
        next = Math.min(next, m.visibleAt());
      }
    }
    return next;
  }
}
