package dev.outlet.storage;

import static dev.outlet.storage.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LoggingConfig;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFunctionRepositoryTest {
  @TempDir Path dataDir;
  private SqliteFunctionRepository repository;

  @BeforeEach
  void open() {
    repository = SqliteFunctionRepository.open(dataDir);
  }

  @AfterEach
  void close() {
    repository.close();
  }

  @Test
  void anInsertedRecordIsLoadedBackAfterReopeningTheDatabase() {
    FunctionRecord record = record("hello", "r1");
    repository.insert(record);

    repository.close();
    repository = SqliteFunctionRepository.open(dataDir);

    assertThat(repository.loadAll()).containsExactly(record);
  }

  @Test
  void aRecordWithoutEnvironmentOrArchitectureRoundTripsWithItsNulls() {
    FunctionRecord full = record("bare", "r1");
    FunctionRecord bare =
        new FunctionRecord(
            full.name(),
            new FunctionConfig(
                "go1.x",
                "main",
                "arn:aws:iam::123456789012:role/x",
                "",
                128,
                3,
                Architecture.X86_64,
                512,
                null,
                null),
            full.code(),
            new Entrypoint("main", Entrypoint.Kind.HANDLER_EXECUTABLE, true, null),
            "r1",
            full.lastModified(),
            7);
    repository.insert(bare);

    assertThat(repository.loadAll()).containsExactly(bare);
    assertThat(bare.config().logging()).isEqualTo(LoggingConfig.DEFAULT);
    assertThat(repository.loadAll().getFirst().config().environment()).isNull();
  }

  @Test
  void insertingAnExistingNameIsAConflictWithAwsWording() {
    repository.insert(record("dup", "r1"));

    assertThatThrownBy(() -> repository.insert(record("dup", "r2")))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
              assertThat(e.getMessage()).isEqualTo("Function already exist: dup");
            });
    assertThat(repository.loadAll()).extracting(FunctionRecord::revisionId).containsExactly("r1");
  }

  @Test
  void replaceWithTheStoredRevisionSucceeds() {
    repository.insert(record("f", "r1"));

    assertThat(repository.replace(record("f", "r2"), "r1")).isTrue();
    assertThat(repository.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  void replaceWithAStaleRevisionReturnsFalseAndKeepsTheStoredRecord() {
    repository.insert(record("f", "r1"));
    repository.replace(record("f", "r2"), "r1");

    assertThat(repository.replace(record("f", "r3"), "r1")).isFalse();
    assertThat(repository.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  void replaceOfAMissingFunctionReturnsFalse() {
    assertThat(repository.replace(record("ghost", "r2"), "r1")).isFalse();
    assertThat(repository.loadAll()).isEmpty();
  }

  @Test
  void deleteRemovesTheFunctionAndSaysWhetherThereWasOne() {
    repository.insert(record("a", "r1"));
    repository.insert(record("b", "r1"));

    assertThat(repository.delete("a")).isTrue();
    assertThat(repository.delete("a")).isFalse();
    assertThat(repository.loadAll()).extracting(FunctionRecord::name).containsExactly("b");
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
    repository.close();
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
    repository = SqliteFunctionRepository.open(old);
    assertThat(repository.loadAll()).containsExactly(record("f", "r1"));
    assertThat(repository.loadVersions()).isEmpty();
    assertThat(repository.loadAliases()).isEmpty();
  }

  @Test
  void versionsKeepTheirNumbersAndCounterAndGoWithTheirFunction() {
    repository.insert(record("f", "r1"));
    repository.insert(record("g", "r1"));
    repository.insertVersion(new FunctionVersion(1, record("f", "v1"), "r1"));
    repository.insertVersion(new FunctionVersion(2, record("f", "v2"), "r1"));
    repository.insertVersion(new FunctionVersion(1, record("g", "v1"), "r1"));
    assertThat(repository.deleteVersion("f", 2)).isTrue();
    assertThat(repository.deleteVersion("f", 2)).isFalse();

    repository.close();
    repository = SqliteFunctionRepository.open(dataDir);
    assertThat(repository.loadVersions())
        .extracting(v -> v.function() + ":" + v.number())
        .containsExactly("f:1", "g:1");
    assertThat(repository.loadVersionCounters()).containsEntry("f", 2).containsEntry("g", 1);
    assertThat(repository.loadVersions().get(0).snapshot()).isEqualTo(record("f", "v1"));

    assertThat(repository.delete("f")).isTrue();
    assertThat(repository.loadVersions()).extracting(FunctionVersion::function).containsOnly("g");
    assertThat(repository.loadVersionCounters()).doesNotContainKey("f");
  }

  @Test
  void aliasesAreReplacedOnlyFromTheirCurrentRevision() {
    repository.insert(record("f", "r1"));
    AliasRecord live = new AliasRecord("f", "live", "1", "", Map.of("2", 0.25), "a1");
    assertThat(repository.insertAlias(live)).isTrue();
    assertThat(repository.insertAlias(live)).isFalse();
    AliasRecord moved = new AliasRecord("f", "live", "2", "d", Map.of(), "a2");
    assertThat(repository.replaceAlias(moved, "stale")).isFalse();
    assertThat(repository.replaceAlias(moved, "a1")).isTrue();
    assertThat(repository.loadAliases()).containsExactly(moved);
    assertThat(repository.deleteAlias("f", "live")).isTrue();
    assertThat(repository.deleteAlias("f", "live")).isFalse();
    assertThat(repository.insertAlias(live)).isTrue();
    repository.delete("f");
    assertThat(repository.loadAliases()).isEmpty();
  }

  @Test
  void refusesADatabaseWrittenByANewerOutlet() throws Exception {
    repository.close();
    try (Connection db = DriverManager.getConnection(jdbcUrl());
        Statement s = db.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> SqliteFunctionRepository.open(dataDir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("schema version 99");
    repository = SqliteFunctionRepository.open(dataDir.resolve("other"));
  }

  @Test
  void acknowledgedWritesSurviveKillMinusNineOfTheJvm() throws Exception {
    repository.close();
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

    repository = SqliteFunctionRepository.open(dataDir);
    assertThat(repository.loadAll()).hasSize(20).contains(record("f0", "r0"), record("f19", "r19"));
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
