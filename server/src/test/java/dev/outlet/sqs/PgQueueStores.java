package dev.outlet.sqs;

import dev.outlet.core.QueueOwnership;
import dev.outlet.core.RegionStores;
import dev.outlet.postgres.PgStores;
import dev.outlet.postgres.PostgresServer;
import dev.outlet.postgres.PostgresUrl;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A cluster region's queues on a real PostgreSQL, as the node that owns them opens them: the
 * region's stores on a fresh database, the queues taken (a new epoch) and their store fenced by it.
 */
final class PgQueueStores {
  private PgQueueStores() {}

  /** The stores of region {@code us-east-1} on a new database of {@code server}. */
  static RegionStores region(PostgresServer server, Path data) throws Exception {
    String url = server.newDatabase();
    return server.closeAfter(PgStores.choice(PostgresUrl.parse(url), null).open("us-east-1", data));
  }

  /** Takes the region's queues (a new epoch) and opens their store fenced by it. */
  static SqsStore take(RegionStores region, String node) {
    QueueOwnership ownership = region.sharedQueues().orElseThrow();
    long epoch = ownership.take(node, "127.0.0.1:1");
    try {
      return SqsStore.shared(
          ownership.connect("sqs", SqsStore.POSTGRESQL), c -> ownership.fence(c, epoch));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
