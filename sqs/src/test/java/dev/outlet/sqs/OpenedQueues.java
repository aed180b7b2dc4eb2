package dev.outlet.sqs;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A region's queues over a real sqs.db in a temporary folder, on a clock the test moves. */
abstract class OpenedQueues {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  SqsStore store;
  Queues queues;
  Messages messages;

  @BeforeEach
  void open() {
    store = SqsStore.open(dir.resolve("sqs.db"));
    queues = new Queues(store, clock, "us-east-1", "000000000000");
    messages = new Messages(queues, store, clock);
  }

  @AfterEach
  void close() {
    messages.close();
    store.close();
  }

  /** Closes and opens the store again, as a restart does. */
  void reopen() {
    close();
    open();
  }
}
