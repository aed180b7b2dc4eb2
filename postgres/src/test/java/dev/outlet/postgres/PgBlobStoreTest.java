package dev.outlet.postgres;

import dev.outlet.core.BlobStore;
import dev.outlet.storage.BlobStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob store contract on PostgreSQL's large objects: each opener a node with its own pool. */
class PgBlobStoreTest extends BlobStoreContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private String url;

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected BlobStore openStore() {
    PgDatabase db = server.pool(url, 2);
    return PgBlobStore.open(db);
  }

  @Override
  protected void damage(String sha256) throws Exception {
    try (Connection c = PostgresServer.admin(url);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT lo_put(oid, 0, '\\x00ff'::bytea) FROM blobs WHERE digest = ?")) {
      s.setString(1, sha256);
      s.execute();
    }
  }
}
