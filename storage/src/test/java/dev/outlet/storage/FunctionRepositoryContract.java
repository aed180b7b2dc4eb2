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
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LoggingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link FunctionRepository}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module).
 */
public abstract class FunctionRepositoryContract extends StoreContract<FunctionRepository> {
  @Test
  public void anInsertedRecordIsLoadedBackAfterReopening() {
    FunctionRecord record = record("hello", "r1");
    store.insert(record);
    reopen();
    assertThat(store.loadAll()).containsExactly(record);
  }

  @Test
  public void aRecordWithoutEnvironmentOrArchitectureRoundTripsWithItsNulls() {
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
    store.insert(bare);

    assertThat(store.loadAll()).containsExactly(bare);
    assertThat(bare.config().logging()).isEqualTo(LoggingConfig.DEFAULT);
    assertThat(store.loadAll().getFirst().config().environment()).isNull();
  }

  @Test
  public void insertingAnExistingNameIsAConflictWithAwsWording() {
    store.insert(record("dup", "r1"));

    assertThatThrownBy(() -> store.insert(record("dup", "r2")))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
              assertThat(e.getMessage()).isEqualTo("Function already exist: dup");
            });
    assertThat(store.loadAll()).extracting(FunctionRecord::revisionId).containsExactly("r1");
  }

  @Test
  public void replaceWithTheStoredRevisionSucceeds() {
    store.insert(record("f", "r1"));

    assertThat(store.replace(record("f", "r2"), "r1")).isTrue();
    assertThat(store.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  public void replaceWithAStaleRevisionReturnsFalseAndKeepsTheStoredRecord() {
    store.insert(record("f", "r1"));
    store.replace(record("f", "r2"), "r1");

    assertThat(store.replace(record("f", "r3"), "r1")).isFalse();
    assertThat(store.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  public void replaceOfAMissingFunctionReturnsFalse() {
    assertThat(store.replace(record("ghost", "r2"), "r1")).isFalse();
    assertThat(store.loadAll()).isEmpty();
  }

  @Test
  public void deleteRemovesTheFunctionAndSaysWhetherThereWasOne() {
    store.insert(record("a", "r1"));
    store.insert(record("b", "r1"));

    assertThat(store.delete("a")).isTrue();
    assertThat(store.delete("a")).isFalse();
    assertThat(store.loadAll()).extracting(FunctionRecord::name).containsExactly("b");
  }

  @Test
  public void versionsKeepTheirNumbersAndCounterAndGoWithTheirFunction() {
    store.insert(record("f", "r1"));
    store.insert(record("g", "r1"));
    store.insertVersion(new FunctionVersion(1, record("f", "v1"), "r1"));
    store.insertVersion(new FunctionVersion(2, record("f", "v2"), "r1"));
    store.insertVersion(new FunctionVersion(1, record("g", "v1"), "r1"));
    assertThat(store.deleteVersion("f", 2)).isTrue();
    assertThat(store.deleteVersion("f", 2)).isFalse();

    reopen();
    assertThat(store.loadVersions())
        .extracting(v -> v.function() + ":" + v.number())
        .containsExactly("f:1", "g:1");
    assertThat(store.loadVersionCounters()).containsEntry("f", 2).containsEntry("g", 1);
    assertThat(store.loadVersions().get(0).snapshot()).isEqualTo(record("f", "v1"));

    assertThat(store.delete("f")).isTrue();
    assertThat(store.loadVersions()).extracting(FunctionVersion::function).containsOnly("g");
    assertThat(store.loadVersionCounters()).doesNotContainKey("f");
  }

  @Test
  public void aVersionCounterNeverGoesDown() {
    store.insert(record("f", "r1"));
    store.insertVersion(new FunctionVersion(5, record("f", "v5"), "r1"));
    store.insertVersion(new FunctionVersion(3, record("f", "v3"), "r1"));
    assertThat(store.loadVersionCounters()).containsEntry("f", 5);
  }

  @Test
  public void aliasesAreReplacedOnlyFromTheirCurrentRevision() {
    store.insert(record("f", "r1"));
    AliasRecord live = new AliasRecord("f", "live", "1", "", Map.of("2", 0.25), "a1");
    assertThat(store.insertAlias(live)).isTrue();
    assertThat(store.insertAlias(live)).isFalse();
    AliasRecord moved = new AliasRecord("f", "live", "2", "d", Map.of(), "a2");
    assertThat(store.replaceAlias(moved, "stale")).isFalse();
    assertThat(store.replaceAlias(moved, "a1")).isTrue();
    assertThat(store.loadAliases()).containsExactly(moved);
    assertThat(store.deleteAlias("f", "live")).isTrue();
    assertThat(store.deleteAlias("f", "live")).isFalse();
    assertThat(store.insertAlias(live)).isTrue();
    store.delete("f");
    assertThat(store.loadAliases()).isEmpty();
  }

  @Test
  public void ofTwoOpenersRacingToCreateOneFunctionExactlyOneWins() throws Exception {
    FunctionRepository other = open();
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      FunctionRepository r = i % 2 == 0 ? store : other;
      String revision = "r" + i;
      attempts.add(
          () -> {
            try {
              r.insert(record("contested", revision));
              return revision;
            } catch (LambdaException e) {
              assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
              return null;
            }
          });
    }
    List<String> winners = race(attempts);
    assertThat(winners).hasSize(1);
    assertThat(other.loadAll())
        .extracting(FunctionRecord::revisionId)
        .containsExactlyElementsOf(winners);
  }

  @Test
  public void ofConcurrentUpdatesFromOneRevisionExactlyOneWins() throws Exception {
    store.insert(record("f", "r0"));
    FunctionRepository other = open();
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      FunctionRepository r = i % 2 == 0 ? store : other;
      String revision = "r" + i;
      attempts.add(() -> r.replace(record("f", revision), "r0") ? revision : null);
    }
    List<String> winners = race(attempts);
    assertThat(winners).hasSize(1);
    assertThat(store.loadAll())
        .extracting(FunctionRecord::revisionId)
        .containsExactlyElementsOf(winners);
  }

  /** Runs the attempts at once; the non-null results. */
  private static List<String> race(List<Callable<String>> attempts) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(attempts.size())) {
      List<Future<String>> results = new ArrayList<>();
      for (Callable<String> a : attempts) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return a.call();
                }));
      }
      start.countDown();
      List<String> winners = new ArrayList<>();
      for (Future<String> f : results) {
        String w = f.get();
        if (w != null) {
          winners.add(w);
        }
      }
      return winners;
    }
  }
}
