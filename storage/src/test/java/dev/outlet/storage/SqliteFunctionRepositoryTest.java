package dev.outlet.storage;

import static dev.outlet.storage.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.FunctionRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on SQLite, and what only the SQLite file has: WAL, its migrations. */
class SqliteFunctionRepositoryTest extends FunctionRepositoryContract {
  @TempDir Path dataDir;

  @Override
  protected void freshStore() {
    // the test's own temporary folder
  }

  @Override
  protected FunctionRepository openStore() {
    return SqliteFunctionRepository.open(dataDir);
  }

  @Override
  protected void closeStore(FunctionRepository r) {
    ((SqliteFunctionRepository) r).close();
  }

  @Test
  void theDatabaseIsInWalModeAtSchemaVersionTwo() throws Exception {
    try (Connection db = DriverManager.getConnection(jdbcUrl());
        Statement s = db.createStatement()) {
      assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(single(s, "PRAGMA user_version")).isEqualTo("2");
    }
  }

  @Test
  void aSchemaOneDatabaseIsMigratedKeepingItsFunctions() throws Exception {
    closeCurrent();
    Path old = dataDir.resolve("old");
    java.nio.file.Files.createDirectories(old);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("outlet.db"));
        Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE functions (name TEXT PRIMARY KEY, revision_id TEXT NOT NULL,"
              + " record TEXT NOT NULL)");
      s.execute(
          "INSERT INTO functions VALUES ('f', 'r1', '"
              + FunctionRecordJson.write("f", record("f", "r1")).replace("'", "''")
              + "')");
      s.execute("PRAGMA user_version = 1");
    }
    store = track(SqliteFunctionRepository.open(old));
    assertThat(store.loadAll()).containsExactly(record("f", "r1"));
    assertThat(store.loadVersions()).isEmpty();
    assertThat(store.loadAliases()).isEmpty();
  }

  @Test
  void refusesADatabaseWrittenByANewerOutlet() throws Exception {
    closeCurrent();
    try (Connection db = DriverManager.getConnection(jdbcUrl());
        Statement s = db.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> SqliteFunctionRepository.open(dataDir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("schema version 99");
    store = track(SqliteFunctionRepository.open(dataDir.resolve("other")));
  }

  @Test
  void acknowledgedWritesSurviveKillMinusNineOfTheJvm() throws Exception {
    closeCurrent();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                KillNineWriter.class.getName(),
                dataDir.toString(),
                "20")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      List<String> lines = new ArrayList<>();
      CompletableFuture<Void> acknowledged =
          CompletableFuture.runAsync(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("done")) {
                      return;
                    }
                    lines.add(line);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      acknowledged.get(30, TimeUnit.SECONDS);
      assertThat(lines).hasSize(20);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no checkpoint
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    store = track(SqliteFunctionRepository.open(dataDir));
    assertThat(store.loadAll()).hasSize(20).contains(record("f0", "r0"), record("f19", "r19"));
  }

  private String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve("outlet.db");
  }

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet row = s.executeQuery(sql)) {
      return row.getString(1);
    }
  }
}
