package dev.outlet.sqs;

import dev.outlet.core.RegionStores;
import dev.outlet.postgres.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MessagesTest} on a cluster's queues: PostgreSQL, fenced by the owner's epoch. */
class PgMessagesTest extends MessagesTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private RegionStores region;

  @Override
  protected void freshStore() throws Exception {
    region = PgQueueStores.region(server, dir.resolve("node"));
  }

  @Override
  protected SqsStore openStore() {
    return PgQueueStores.take(region, "node-a");
  }
}
