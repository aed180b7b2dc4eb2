package dev.outlet.postgres;

import dev.outlet.core.ClaimQueue;
import dev.outlet.storage.ClaimQueueContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim queue contract on a real PostgreSQL: each opener a node with its own pool. */
class PgClaimQueueTest extends ClaimQueueContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected ClaimQueue openStore() {
    PgDatabase db = server.pool(url, 4);
    return PgClaimQueue.open(db);
  }
}
