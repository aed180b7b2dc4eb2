package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FIFO receive policy on plain data. */
class FifoOrderTest {
  private static final long NOW = 1_000_000;

  private static StoredMessage m(long seq, String group, long visibleAt, int received) {
    return new StoredMessage(
        seq,
        "id" + seq,
        "b" + seq,
        Map.of(),
        NOW - 10,
        visibleAt,
        received,
        0,
        group,
        "d" + seq,
        null);
  }

  @Test
  void aGroupWhoseHeadIsInFlightOrDelayedGivesNothing() {
    List<StoredMessage> q =
        List.of(m(1, "a", NOW + 5, 1), m(2, "b", NOW + 5, 0), m(3, "a", NOW, 0), m(4, "c", NOW, 0));
    var taken = FifoOrder.take(q, "q", NOW, 10, 30, null, 60_000);
    assertThat(taken.delivered()).extracting(StoredMessage::seq).containsExactly(4L);
    assertThat(FifoOrder.nextTakeable(q)).isEqualTo(NOW);
  }

  @Test
  void theMaximumStopsTheBatchAndExpiredHeadsAreDroppedNotBlocking() {
    StoredMessage old = new StoredMessage(1, "x", "x", Map.of(), 0, 0, 0, 0, "a", "d", null);
    List<StoredMessage> q = List.of(old, m(2, "a", NOW, 0), m(3, "a", NOW, 0));
    var taken = FifoOrder.take(q, "q", NOW, 1, 30, null, 60_000);
    assertThat(taken.dropped()).containsExactly(1L);
    assertThat(taken.delivered()).extracting(StoredMessage::seq).containsExactly(2L);
  }

  @Test
  void anEmptyQueueHasNothingTakeable() {
    assertThat(FifoOrder.nextTakeable(List.of())).isEqualTo(Long.MAX_VALUE);
  }
}
