package dev.outlet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** FilterLogEvents' scan over a hand-written page source that records what it was asked. */
class EventScanTest {

  /** Events 1..n, one a millisecond, "even N" or "odd N"; records each page request. */
  private static final class Pages implements EventScan.PageSource {
    final List<LogEvent> events;
    final List<Integer> requested = new ArrayList<>();

    Pages(int n) {
      events =
          IntStream.rangeClosed(1, n)
              .mapToObj(i -> new LogEvent(i, "g", "s", i, i, (i % 2 == 0 ? "even " : "odd ") + i))
              .toList();
    }

    @Override
    public List<LogEvent> page(Cursor after, int limit) {
      requested.add(limit);
      return events.stream()
          .filter(e -> after == null || e.cursor().compareTo(after) > 0)
          .limit(limit)
          .toList();
    }
  }

  private static List<Long> ids(List<LogEvent> events) {
    return events.stream().map(LogEvent::id).toList();
  }

  @Test
  void stopsAtTheLimitWithATokenAfterTheLastMatch() {
    Pages pages = new Pages(20);
    EventScan.Result r = EventScan.scan(pages, FilterPattern.parse("even"), null, 3, 100, 1000);
    assertThat(ids(r.matches())).containsExactly(2L, 4L, 6L);
    assertThat(r.next()).isEqualTo(new Cursor(6, 6));
  }

  @Test
  void reachingTheEndReturnsNoToken() {
    Pages pages = new Pages(5);
    EventScan.Result r = EventScan.scan(pages, FilterPattern.parse("odd"), null, 10, 2, 1000);
    assertThat(ids(r.matches())).containsExactly(1L, 3L, 5L);
    assertThat(r.next()).isNull();
  }

  @Test
  void pagingWithTokensReturnsEveryMatchOnceInOrder() {
    Pages pages = new Pages(50);
    List<Long> seen = new ArrayList<>();
    Cursor token = null;
    int calls = 0;
    do {
      EventScan.Result r = EventScan.scan(pages, FilterPattern.parse("odd"), token, 4, 3, 1000);
      seen.addAll(ids(r.matches()));
      assertThat(r.next()).as("never the same token twice").isNotEqualTo(token);
      token = r.next();
      calls++;
    } while (token != null);
    assertThat(seen)
        .isEqualTo(
            IntStream.rangeClosed(1, 50).filter(i -> i % 2 == 1).asLongStream().boxed().toList());
    assertThat(calls).isEqualTo(7);
  }

  @Test
  void aScanThatFindsNothingWithinItsBudgetStillMovesOn() {
    Pages pages = new Pages(100);
    EventScan.Result r = EventScan.scan(pages, FilterPattern.parse("absent"), null, 10, 10, 25);
    assertThat(r.matches()).isEmpty();
    assertThat(r.next()).isEqualTo(new Cursor(25, 25));
    assertThat(pages.requested).containsExactly(10, 10, 5);
  }

  @Test
  void withoutAPatternItReadsOnlyWhatTheLimitNeeds() {
    Pages pages = new Pages(100);
    EventScan.Result r = EventScan.scan(pages, FilterPattern.parse(""), null, 7, 1000, 1000);
    assertThat(ids(r.matches())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(pages.requested).containsExactly(7);
  }
}
