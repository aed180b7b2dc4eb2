package dev.outlet.server;

import dev.outlet.core.BlobStore;
import dev.outlet.postgres.PgBlobStore;
import dev.outlet.postgres.PgClusterSecret;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.registry.Registry;
import dev.outlet.registry.RegistryTables;
import dev.outlet.storage.DirectoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cluster's container registry: the tables one machine keeps in {@code registry/registry.db}, in
 * the shared database's {@code outlet_registry} schema, and the image layers in the nodes' shared
 * blob store (the {@code --blob-dir} folder, else the database's large objects), so an image pushed
 * through any node is pulled and run by every node. Each node keeps a cache of the layers it read
 * and its uploads in progress in its own {@code registry} folder. Login passwords are signed with a
 * key derived from the cluster's secret, so one node's password opens every node's registry.
 */
final class SharedRegistry {
  static final String SCHEMA = "outlet_registry";

  /** Connections: the tables' statements and blob reads, each held while its stream is open. */
  private static final int CONNECTIONS = 4;

  private SharedRegistry() {}

  static Registry open(ClusterStore cluster, Path dir, String accountId) throws IOException {
    PgDatabase db = PgDatabase.open(cluster.url(), CONNECTIONS, SCHEMA);
    try {
      db.migrate("registry", RegistryTables.postgresMigrations());
      BlobStore blobs =
          cluster.blobDir() != null
              ? DirectoryBlobStore.open(cluster.blobDir())
              : PgBlobStore.open(db);
      RegistryTables tables =
          new RegistryTables() {
            @Override
            public <T> T transaction(Work<T> work) {
              return db.transaction(work::run);
            }

            @Override
            public void close() {
              db.close();
            }
          };
      return Registry.openShared(
          dir,
          accountId,
          InstantSource.system(),
          cluster.unusedBlobGrace(),
          tables,
          blobs,
          tokenKey(clusterSecret(cluster)));
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The secret the nodes sign their peer calls with (made by the first node that asks). */
  private static byte[] clusterSecret(ClusterStore cluster) {
    try (PgDatabase db = PgDatabase.open(cluster.url(), 1, ClusterNode.SCHEMA)) {
      return PgClusterSecret.of(db);
    }
  }

  /** The login passwords' key: the cluster's secret, put to this one use. */
  static byte[] tokenKey(byte[] clusterSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clusterSecret, "HmacSHA256"));
      return mac.doFinal("outlet registry login passwords".getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
