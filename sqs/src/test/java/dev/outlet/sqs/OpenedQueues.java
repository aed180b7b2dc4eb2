package dev.outlet.sqs;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A region's queues over a real sqs.db in a temporary folder (or, in a subclass, another real
 * store: a cluster's on PostgreSQL), on a clock the test moves.
 */
abstract class OpenedQueues {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  SqsStore store;
  Queues queues;
  Messages messages;

  @BeforeEach
  void begin() throws Exception {
    freshStore();
    open();
  }

  /** Makes an empty store for the test (a SQLite file needs nothing: it is made when opened). */
  protected void freshStore() throws Exception {}

  /** Opens the test's store, as it is now. */
  protected SqsStore openStore() {
    return SqsStore.open(dir.resolve("sqs.db"));
  }

  void open() {
    store = openStore();
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
