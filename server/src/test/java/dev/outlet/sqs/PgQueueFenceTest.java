package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.QueueOwnership;
import dev.outlet.core.RegionStores;
import dev.outlet.postgres.PostgresServer;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queues of a cluster region change hands: the lead goes to one node, each take bumps the
 * epoch, the new owner reads what the old one committed, and the old owner's store writes nothing
 * more once the queues were taken from it.
 */
class PgQueueFenceTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));

  @Test
  void oneNodeLeadsAndTheOwnerRowNamesWhoTookTheQueuesLast() throws Exception {
    RegionStores a = PgQueueStores.region(server, dir.resolve("a"));
    QueueOwnership ownership = a.sharedQueues().orElseThrow();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(ownership::leads);
    assertThat(ownership.owner()).isEmpty();
    assertThat(ownership.exists("q")).isFalse(); // no owner has made the tables yet
    assertThat(ownership.take("node-a", "127.0.0.1:9001")).isEqualTo(1);
    assertThat(ownership.take("node-b", "127.0.0.1:9002")).isEqualTo(2);
    assertThat(ownership.owner()).contains("127.0.0.1:9002");
  }

  @Test
  void theOldOwnersWritesFailOnceTheQueuesWereTakenAndTheNewOwnerReadsWhatItCommitted()
      throws Exception {
    RegionStores region = PgQueueStores.region(server, dir.resolve("a"));
    SqsStore first = PgQueueStores.take(region, "node-a");
    Queues queues = new Queues(first, clock, "us-east-1", "000000000000");
    Messages messages = new Messages(queues, first, clock);
    Queue q = queues.create("q", Map.of(), Map.of());
    messages.send(q, List.of(new Messages.Outgoing("before", Map.of(), null)));
    assertThat(region.sharedQueues().orElseThrow().exists("q")).isTrue();

    SqsStore second = PgQueueStores.take(region, "node-b");
    try {
      assertThatThrownBy(
              () -> messages.send(q, List.of(new Messages.Outgoing("after", Map.of(), null))))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("another node owns the region's queues now");
      assertThat(first.broken()).isTrue();
      assertThat(second.broken()).isFalse();

      Queues taken = new Queues(second, clock, "us-east-1", "000000000000");
      Messages now = new Messages(taken, second, clock);
      assertThat(now.receive("q", 10, null, 0).join())
          .extracting(StoredMessage::body)
          .containsExactly("before");
      now.close();
    } finally {
      messages.close();
      first.close();
      second.close();
    }
  }
}
