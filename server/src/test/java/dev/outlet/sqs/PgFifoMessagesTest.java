package dev.outlet.sqs;

import dev.outlet.core.RegionStores;
import dev.outlet.postgres.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FifoMessagesTest} on a cluster's queues: PostgreSQL, fenced by the owner's epoch. */
class PgFifoMessagesTest extends FifoMessagesTest {
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
