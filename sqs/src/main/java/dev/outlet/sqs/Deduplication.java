package dev.outlet.sqs;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue's deduplication ids of the last five minutes: a send whose id (within its scope: the
 * queue, or its message group) is remembered is answered with the original message and not
 * enqueued. Pure (times are given); not thread-safe: its {@link QueueState}'s lock guards it, and
 * {@link SqsStore} keeps the same entries durably.
 */
final class Deduplication {
  /**
   * A remembered deduplication id.
   *
   * @param scope the message group under {@code DeduplicationScope=messageGroup}, else empty
   * @param expires epoch milliseconds from which the id is forgotten
   */
  record Entry(String scope, String dedupId, String messageId, long seq, long expires) {
    String key() {
      return scope + '\u0000' + dedupId;
    }
  }

  private final Map<String, Entry> byKey = new HashMap<>();
  private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

  /** Remembers {@code entries} (read back from the store, oldest first). */
  void load(List<Entry> entries) {
    entries.forEach(this::remember);
  }

  /** The entry remembered for {@code dedupId} in {@code scope} at {@code now}, or null. */
  Entry find(String scope, String dedupId, long now) {
    Entry e = byKey.get(scope + '\u0000' + dedupId);
    return e != null && e.expires() > now ? e : null;
  }

  void remember(Entry e) {
    byKey.put(e.key(), e);
    byAge.addLast(e);
  }

  /** Forgets the entries expired at {@code now}. */
  void expire(long now) {
    while (!byAge.isEmpty() && byAge.peekFirst().expires() <= now) {
      Entry e = byAge.pollFirst();
      byKey.remove(e.key(), e);
    }
  }

  int size() {
    return byKey.size();
  }
}
