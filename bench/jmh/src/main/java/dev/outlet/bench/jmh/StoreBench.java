package dev.outlet.bench.jmh;

import dev.outlet.core.ClaimQueue;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.FunctionRepository;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.postgres.PgChanges;
import dev.outlet.postgres.PgClaimQueue;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgDefinitions;
import dev.outlet.postgres.PgFunctionRepository;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.storage.SqliteClaimQueue;
import dev.outlet.storage.SqliteDefinitions;
import dev.outlet.storage.SqliteFunctionRepository;
import dev.outlet.storage.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The storage side of control-plane calls and of work that runs once, on each engine, durable on
 * both (SQLite: WAL with {@code synchronous=FULL}; PostgreSQL: {@code fsync} and {@code
 * synchronous_commit} on, a throwaway server on loopback started by the bench as the tests start
 * it, Debian's {@code postgresql} package). Issue 20's target: control-plane calls on PostgreSQL
 * within ×2 of SQLite.
 *
 * <ul>
 *   <li>{@code updateFunction}: a compare-and-set replace of a function record (the store's part of
 *       UpdateFunctionConfiguration);
 *   <li>{@code createAndDeleteFunction}: an insert, then a delete with its versions and aliases;
 *   <li>{@code addClaimSettle}: one item added, claimed and settled (an accepted Event invocation's
 *       three writes in a cluster);
 *   <li>{@code quickCreateApi}: four definitions written in one transaction (the store's part of an
 *       HTTP API's quick create: the API, its integration, route and stage; in a cluster with the
 *       notification the other nodes reload on).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBench {
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Param({"sqlite", "postgresql"})
  public String engine;

  private Path dir;
  private LocalPostgres server;
  private PgDatabase db;
  private FunctionRepository functions;
  private ClaimQueue claims;
  private DefinitionStore definitions;
  private PgChanges changes;
  private long revision;
  private long item;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (engine.equals("sqlite")) {
      dir = TempFolder.create("outlet-jmh-store");
      functions = SqliteFunctionRepository.open(dir);
      claims = SqliteClaimQueue.open(dir.resolve("claims.db"));
      definitions = SqliteDefinitions.open(dir.resolve("gateway.db"));
    } else {
      if (LocalPostgres.binaries().isEmpty()) {
        throw new IllegalStateException(LocalPostgres.MISSING);
      }
      server = LocalPostgres.start();
      db = PgDatabase.open(PostgresUrl.parse(server.newDatabase()), 4);
      functions = PgFunctionRepository.open(db);
      claims = PgClaimQueue.open(db);
      changes = PgChanges.start(db);
      definitions = PgDefinitions.open(db, changes, "gateway");
    }
    functions.insert(TestRecords.record("updated", "r0"));
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (functions instanceof SqliteFunctionRepository s) {
      s.close();
    }
    claims.close();
    definitions.close();
    if (changes != null) {
      changes.close();
    }
    if (db != null) {
      db.close();
    }
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      TempFolder.delete(dir);
    }
  }

  @Benchmark
  public boolean updateFunction() {
    String from = "r" + revision;
    revision++;
    return functions.replace(TestRecords.record("updated", "r" + revision), from);
  }

  @Benchmark
  public boolean createAndDeleteFunction() {
    String name = "f" + revision++;
    functions.insert(TestRecords.record(name, "r1"));
    return functions.delete(name);
  }

  @Benchmark
  public int quickCreateApi() {
    String api = "a" + item++;
    String json =
        "{\"name\":\""
            + api
            + "\",\"protocolType\":\"HTTP\","
            + "\"x\":\""
            + "x".repeat(240)
            + "\"}";
    definitions.write(
        List.of(
            DefinitionStore.Change.put("api", "", api, json),
            DefinitionStore.Change.put("integrations", api, "i1", json),
            DefinitionStore.Change.put("routes", api, "r1", json),
            DefinitionStore.Change.put("stages", api, "$default", json)));
    return api.length();
  }

  @Benchmark
  public boolean addClaimSettle() {
    String id = "e" + item++;
    claims.add("events", id, id.getBytes(StandardCharsets.UTF_8));
    List<ClaimQueue.Claimed> got =
        claims.claim("events", "node", 1, Instant.ofEpochMilli(item), LEASE);
    return claims.settle("events", got.getFirst().id(), "node");
  }
}
