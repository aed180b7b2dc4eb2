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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link FunctionRepository}, run against each implementation (SQLite here,
 * PostgreSQL in the postgres module): a subclass gives a fresh empty store per test and opens
 * repositories over it. A second {@link #open} is another opener of the same store: a restarted
 * Outlet, or another node of a cluster.
 */
public abstract class FunctionRepositoryContract {
  protected FunctionRepository repository;
  private final List<FunctionRepository> opened = new ArrayList<>();

  /** Makes the empty store this test uses. */
  protected abstract void freshStore() throws Exception;

  /** A repository over this test's store. */
  protected abstract FunctionRepository openRepository();

  /** Closes what {@link #openRepository} opened. */
  protected abstract void closeRepository(FunctionRepository r);

  @BeforeEach
  protected void openTheStore() throws Exception {
    freshStore();
    repository = open();
  }

  @AfterEach
  protected void closeEverything() {
    opened.forEach(this::closeRepository);
    opened.clear();
  }

  protected final FunctionRepository open() {
    FunctionRepository r = openRepository();
    opened.add(r);
    return r;
  }

  /** Closes the current repository and opens the store again, as a restart does. */
  protected final void reopen() {
    closeCurrent();
    repository = open();
  }

  /** Closes the current repository (a test that reopens the store its own way). */
  protected final void closeCurrent() {
    opened.remove(repository);
    closeRepository(repository);
    repository = null;
  }

  /** Closes {@code r} with the rest after the test. */
  protected final <R extends FunctionRepository> R track(R r) {
    opened.add(r);
    return r;
  }

  @Test
  public void anInsertedRecordIsLoadedBackAfterReopening() {
    FunctionRecord record = record("hello", "r1");
    repository.insert(record);
    reopen();
    assertThat(repository.loadAll()).containsExactly(record);
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
    repository.insert(bare);

    assertThat(repository.loadAll()).containsExactly(bare);
    assertThat(bare.config().logging()).isEqualTo(LoggingConfig.DEFAULT);
    assertThat(repository.loadAll().getFirst().config().environment()).isNull();
  }

  @Test
  public void insertingAnExistingNameIsAConflictWithAwsWording() {
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
  public void replaceWithTheStoredRevisionSucceeds() {
    repository.insert(record("f", "r1"));

    assertThat(repository.replace(record("f", "r2"), "r1")).isTrue();
    assertThat(repository.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  public void replaceWithAStaleRevisionReturnsFalseAndKeepsTheStoredRecord() {
    repository.insert(record("f", "r1"));
    repository.replace(record("f", "r2"), "r1");

    assertThat(repository.replace(record("f", "r3"), "r1")).isFalse();
    assertThat(repository.loadAll()).containsExactly(record("f", "r2"));
  }

  @Test
  public void replaceOfAMissingFunctionReturnsFalse() {
    assertThat(repository.replace(record("ghost", "r2"), "r1")).isFalse();
    assertThat(repository.loadAll()).isEmpty();
  }

  @Test
  public void deleteRemovesTheFunctionAndSaysWhetherThereWasOne() {
    repository.insert(record("a", "r1"));
    repository.insert(record("b", "r1"));

    assertThat(repository.delete("a")).isTrue();
    assertThat(repository.delete("a")).isFalse();
    assertThat(repository.loadAll()).extracting(FunctionRecord::name).containsExactly("b");
  }

  @Test
  public void versionsKeepTheirNumbersAndCounterAndGoWithTheirFunction() {
    repository.insert(record("f", "r1"));
    repository.insert(record("g", "r1"));
    repository.insertVersion(new FunctionVersion(1, record("f", "v1"), "r1"));
    repository.insertVersion(new FunctionVersion(2, record("f", "v2"), "r1"));
    repository.insertVersion(new FunctionVersion(1, record("g", "v1"), "r1"));
    assertThat(repository.deleteVersion("f", 2)).isTrue();
    assertThat(repository.deleteVersion("f", 2)).isFalse();

    reopen();
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
  public void aVersionCounterNeverGoesDown() {
    repository.insert(record("f", "r1"));
    repository.insertVersion(new FunctionVersion(5, record("f", "v5"), "r1"));
    repository.insertVersion(new FunctionVersion(3, record("f", "v3"), "r1"));
    assertThat(repository.loadVersionCounters()).containsEntry("f", 5);
  }

  @Test
  public void aliasesAreReplacedOnlyFromTheirCurrentRevision() {
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
  public void ofTwoOpenersRacingToCreateOneFunctionExactlyOneWins() throws Exception {
    FunctionRepository other = open();
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      FunctionRepository r = i % 2 == 0 ? repository : other;
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
    repository.insert(record("f", "r0"));
    FunctionRepository other = open();
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      FunctionRepository r = i % 2 == 0 ? repository : other;
      String revision = "r" + i;
      attempts.add(() -> r.replace(record("f", revision), "r0") ? revision : null);
    }
    List<String> winners = race(attempts);
    assertThat(winners).hasSize(1);
    assertThat(repository.loadAll())
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
