package dev.outlet.telemetry;

import static dev.outlet.core.writer.WriteQueue.Admission.CLOSED;
import static dev.outlet.core.writer.WriteQueue.Admission.QUEUED;
import static dev.outlet.core.writer.WriteQueue.Admission.QUEUED_WAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogQueueTest {

  private static PendingEvent event(String stream, long ts) {
    return new PendingEvent("g", stream, ts, "0123456789"); // costs 84 bytes
  }

  @Test
  void theWriterIsAskedForWhenTheQueueWasEmptyOrHoldsAFullBatch() {
    LogQueue queue = new LogQueue(10, 10_000);
    assertThat(queue.offer(event("a", 1), 3)).isEqualTo(QUEUED_WAKE);
    assertThat(queue.offer(event("a", 2), 3)).isEqualTo(QUEUED);
    assertThat(queue.offer(event("a", 3), 3)).isEqualTo(QUEUED_WAKE);
    assertThat(queue.offer(event("a", 4), 3)).isEqualTo(QUEUED);
  }

  @Test
  void aClosedQueueRefusesAndCountsButStillHandsOverWhatItHolds() {
    LogQueue queue = new LogQueue(10, 10_000);
    queue.offer(event("a", 1), 10);
    queue.close();

    assertThat(queue.offer(event("a", 2), 10)).isEqualTo(CLOSED);
    assertThat(queue.dropped()).isEqualTo(1);
    List<LogItem> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 10)).isEqualTo(1);
    assertThat(out).containsExactly(event("a", 1));
  }

  @Test
  void drainToPutsOneNoticePerGapBeforeTheEvents() {
    LogQueue queue = new LogQueue(2, 10_000);
    for (int i = 1; i <= 4; i++) {
      queue.offer(event("a", i), 10);
    }

    List<LogItem> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 10)).isEqualTo(4);

    assertThat(out)
        .containsExactly(
            new DropNotice(new StreamKey("g", "a"), 2, 2, false), event("a", 3), event("a", 4));
  }

  @Test
  void drainsInOfferOrderAndReportsTheSequenceReached() {
    LogQueue queue = new LogQueue(10, 10_000);
    assertThat(queue.offer(event("a", 1), 10)).isEqualTo(QUEUED_WAKE);
    assertThat(queue.offer(event("a", 2), 10)).isEqualTo(QUEUED);
    queue.offer(event("b", 3), 10);

    List<PendingEvent> out = new ArrayList<>();
    long seq = queue.drain(out, 2, new HashMap<>());

    assertThat(out).extracting(PendingEvent::timestamp).containsExactly(1L, 2L);
    assertThat(seq).isEqualTo(2);
    assertThat(queue.drain(out, 2, new HashMap<>())).isEqualTo(3);
    assertThat(queue.isIdle()).isTrue();
  }

  @Test
  void dropsTheOldestWhenFullByCount() {
    LogQueue queue = new LogQueue(3, 10_000);
    for (int i = 1; i <= 5; i++) {
      queue.offer(event("a", i), 10);
    }

    List<PendingEvent> out = new ArrayList<>();
    Map<StreamKey, Gap> gaps = new HashMap<>();
    long seq = queue.drain(out, 10, gaps);

    assertThat(out).extracting(PendingEvent::timestamp).containsExactly(3L, 4L, 5L);
    assertThat(seq).isEqualTo(5);
    assertThat(queue.dropped()).isEqualTo(2);
    Gap gap = gaps.get(new StreamKey("g", "a"));
    assertThat(gap.count).isEqualTo(2);
    assertThat(gap.lastTimestamp).isEqualTo(2);
  }

  @Test
  void dropsTheOldestWhenFullByBytesAndRecordsOneGapPerStream() {
    LogQueue queue = new LogQueue(100, 3 * 84);
    queue.offer(event("a", 1), 10);
    queue.offer(event("b", 2), 10);
    queue.offer(event("a", 3), 10);
    queue.offer(event("c", 4), 10);
    queue.offer(event("c", 5), 10);
    queue.offer(event("c", 6), 10);

    List<PendingEvent> out = new ArrayList<>();
    Map<StreamKey, Gap> gaps = new HashMap<>();
    queue.drain(out, 10, gaps);

    assertThat(out).extracting(PendingEvent::stream).containsExactly("c", "c", "c");
    assertThat(gaps).containsOnlyKeys(new StreamKey("g", "a"), new StreamKey("g", "b"));
    assertThat(gaps.get(new StreamKey("g", "a")).count).isEqualTo(2);
    assertThat(queue.dropped()).isEqualTo(3);
  }

  @Test
  void admitsTheNewestEventEvenWhenItAloneExceedsTheBudget() {
    LogQueue queue = new LogQueue(100, 100);
    queue.offer(event("a", 1), 10);
    queue.offer(new PendingEvent("g", "a", 2, "x".repeat(1_000)), 10);

    List<PendingEvent> out = new ArrayList<>();
    queue.drain(out, 10, new HashMap<>());

    assertThat(out).extracting(PendingEvent::timestamp).containsExactly(2L);
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void handsLostEventsBackAsGapsWithoutCountingTheOldGapsTwice() {
    LogQueue queue = new LogQueue(10, 10_000);
    Gap earlier = new Gap();
    earlier.add(3, 7);

    queue.lost(Map.of(new StreamKey("g", "a"), earlier), 1, true);

    Map<StreamKey, Gap> gaps = new HashMap<>();
    queue.drain(new ArrayList<>(), 10, gaps);
    assertThat(gaps.get(new StreamKey("g", "a")).count).isEqualTo(3);
    assertThat(queue.dropped()).isEqualTo(1);
  }
}
