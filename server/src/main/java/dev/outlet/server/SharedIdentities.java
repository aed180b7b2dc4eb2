package dev.outlet.server;

import dev.outlet.iam.AccessKey;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.IdentityTables;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PostgresUrl;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's identities (users, access keys, roles, their policies, role sessions): the tables one
 * machine keeps in {@code iam/keys.db}, in the shared database's {@code outlet_iam} schema. A key
 * made through any node (or by {@code outlet credentials --store}) signs requests to every node
 * once they re-read the tables ({@link IdentityStore#REFRESH}).
 */
final class SharedIdentities {
  static final String SCHEMA = "outlet_iam";

  /** Connections: the refresh, the writes, and the bootstrap's lock beside them. */
  private static final int CONNECTIONS = 3;

  private SharedIdentities() {}

  /** The store, and the database it is in (for {@link #bootstrapAdministrator}). */
  record Opened(IdentityStore store, PgDatabase db) {}

  static Opened open(PostgresUrl url, String accountId) {
    PgDatabase db = PgDatabase.open(url, CONNECTIONS, SCHEMA);
    try {
      db.migrate("identities", List.of(IdentityTables.postgresSchema()));
      IdentityTables tables =
          new IdentityTables() {
            @Override
            public <T> T run(Work<T> work) throws SQLException {
              return db.single(work::run);
            }

            @Override
            public void close() {
              db.close();
            }
          };
      return new Opened(IdentityStore.shared(tables, accountId, InstantSource.system()), db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * The administrator's key when the cluster has no key yet, made by exactly one of the nodes that
   * start together (the others wait on a cluster-wide lock, then find the key made).
   */
  static Optional<AccessKey> bootstrapAdministrator(Opened ids) {
    return ids.db().exclusively("iam-bootstrap", ids.store()::bootstrapAdministrator);
  }
}
