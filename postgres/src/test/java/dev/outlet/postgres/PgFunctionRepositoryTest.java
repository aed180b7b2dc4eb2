package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.FunctionRepository;
import dev.outlet.storage.FunctionRepositoryContract;
import dev.outlet.storage.StorageException;
import dev.outlet.storage.TestRecords;
import java.sql.Connection;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repository contract on a real PostgreSQL (one server for the class, a new database per test),
 * and what only the shared store has: its schema table, refusal of a newer schema, and acknowledged
 * writes kept across a crash of the server.
 */
class PgFunctionRepositoryTest extends FunctionRepositoryContract {
  @RegisterExtension static final PostgresServer server = new PostgresServer();
  private final Map<FunctionRepository, PgDatabase> databases = new IdentityHashMap<>();
  private String url;

  @Override
  protected void freshStore() throws Exception {
    url = server.newDatabase();
  }

  @Override
  protected FunctionRepository openStore() {
    PgDatabase db = PgDatabase.open(PostgresUrl.parse(url), 4);
    PgFunctionRepository r = PgFunctionRepository.open(db);
    databases.put(r, db);
    return r;
  }

  @Override
  protected void closeStore(FunctionRepository r) {
    databases.remove(r).close();
  }

  @Test
  void theSchemaTableRecordsTheFunctionsAtTheNewestVersion() {
    PgDatabase db = databases.values().iterator().next();
    assertThat(db.version(PgFunctionRepository.COMPONENT))
        .isEqualTo(PgFunctionRepository.MIGRATIONS.size());
  }

  @Test
  void refusesADatabaseWrittenByANewerOutlet() throws Exception {
    try (Connection c = PostgresServer.admin(url);
        Statement s = c.createStatement()) {
      s.execute("UPDATE outlet_schema SET version = 99 WHERE component = 'functions'");
    }
    assertThatThrownBy(this::openStore)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("functions at schema version 99")
        .hasMessageContaining("run a newer Outlet");
  }

  @Test
  void acknowledgedWritesSurviveACrashOfTheServer() throws Exception {
    for (int i = 0; i < 20; i++) {
      store.insert(TestRecords.record("f" + i, "r" + i));
    }
    server.crashAndRestart();
    reopen();
    assertThat(store.loadAll()).hasSize(20).contains(TestRecords.record("f19", "r19"));
  }

  @Test
  void anUnreachableStoreIsAStorageErrorNamingItWithoutItsPassword() {
    PostgresUrl nowhere = PostgresUrl.parse("postgresql://outlet:secret@127.0.0.1:1/none");
    assertThatThrownBy(() -> PgDatabase.open(nowhere, 1))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("postgresql://outlet@127.0.0.1:1/none")
        .hasMessageNotContaining("secret");
  }
}
