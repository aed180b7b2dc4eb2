package dev.outlet.postgres;

import dev.outlet.core.ClaimQueue;
import dev.outlet.storage.ClaimQueueContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim queue contract on a real PostgreSQL: each opener a node with its own pool. */
class PgClaimQueueTest extends ClaimQueueContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private final List<PgDatabase> pools = new ArrayList<>();
  private String url;

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected ClaimQueue openStore() {
    PgDatabase db = PgDatabase.open(PostgresUrl.parse(url), 4);
    pools.add(db);
    return PgClaimQueue.open(db);
  }

  @AfterEach
  void closePools() {
    pools.forEach(PgDatabase::close);
  }
}
