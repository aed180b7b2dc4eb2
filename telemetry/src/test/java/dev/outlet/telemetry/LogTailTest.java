package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {
  @Test
  void aListenerGetsItsGroupsEventsUntilItCloses() {
    LogTail tail = new LogTail();
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    LogTail.Subscription sa = tail.subscribe("/aws/lambda/a", (s, t, m) -> a.add(s + ":" + m));
    tail.subscribe("/aws/lambda/b", (s, t, m) -> b.add(m));
    tail.subscribe(
        "/aws/lambda/a",
        (s, t, m) -> {
          throw new IllegalStateException("a faulty listener");
        });
    tail.publish("/aws/lambda/a", "s1", 1, "one");
    tail.publish("/aws/lambda/b", "s2", 2, "two");
    sa.close();
    sa.close(); // idempotent
    tail.publish("/aws/lambda/a", "s1", 3, "three");
    assertThat(a).containsExactly("s1:one");
    assertThat(b).containsExactly("two");
    assertThat(tail.listeners()).isEqualTo(2);
  }

  @Test
  void theStoreOffersWhatItAppendsAndStores(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (LogStore store = LogStore.open(dir)) {
      List<String> seen = new ArrayList<>();
      try (LogTail.Subscription s = store.tail().subscribe("g", (st, t, m) -> seen.add(m))) {
        store.append("g", "s", 1, "appended");
        store.store("g", "s", List.of(new LogEntry(2, "put")));
      }
      store.append("g", "s", 3, "after");
      assertThat(seen).containsExactly("appended", "put");
    }
  }
}
