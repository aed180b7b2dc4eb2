package dev.outlet.postgres;

import dev.outlet.core.BlobStore;
import dev.outlet.core.ClaimQueue;
import dev.outlet.core.CodeStore;
import dev.outlet.core.ConcurrencyLedger;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.RegionStores;
import dev.outlet.storage.DirectoryBlobStore;
import dev.outlet.storage.SharedCodeStore;
import dev.outlet.storage.ZipCodeStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A region's stores in a PostgreSQL database the nodes of a cluster share: its tables in a schema
 * of its own ({@code outlet_us_east_1}), its packages in the database's large objects or in a
 * folder the nodes share ({@code --blob-dir}), each node keeping the trees it runs in its data
 * folder. A node hears the others' writes through {@code LISTEN}.
 */
public final class PgStores implements RegionStores {
  /** Connections per region: the control plane's writes and the change feed's reloads. */
  private static final int CONNECTIONS = 4;

  /** How long a node's concurrency grants count without being renewed. */
  static final Duration GRANT_LEASE = Duration.ofSeconds(10);

  private final PgDatabase db;
  private final PgChanges changes;
  private final PgFunctionRepository functions;
  private final BlobStore blobs;
  private final SharedCodeStore code;
  private final PgClaimQueue work;
  private final PgConcurrencyLedger concurrency;
  private final PgScheduleGate schedules;
  private final PgQueueOwnership queues;

  private PgStores(
      PgDatabase db,
      PgChanges changes,
      PgFunctionRepository functions,
      BlobStore blobs,
      SharedCodeStore code,
      PgClaimQueue work,
      PgConcurrencyLedger concurrency,
      PgScheduleGate schedules,
      PgQueueOwnership queues) {
    this.db = db;
    this.queues = queues;
    this.schedules = schedules;
    this.work = work;
    this.concurrency = concurrency;
    this.changes = changes;
    this.functions = functions;
    this.blobs = blobs;
    this.code = code;
  }

  /**
   * The choice of a cluster: each region's stores in {@code url}'s database, packages in {@code
   * blobDir} when given, else in the database.
   */
  public static Choice choice(PostgresUrl url, Path blobDir) {
    return (region, data) -> open(url, blobDir, region, data);
  }

  /** The schema of a region's tables: {@code us-east-1} is {@code outlet_us_east_1}. */
  public static String schemaOf(String region) {
    return "outlet_" + region.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** The regions whose stores are in {@code db}'s database, by their schemas, sorted. */
  public static List<String> regions(PgDatabase db) {
    return db.single(
        c -> {
          List<String> regions = new java.util.ArrayList<>();
          try (java.sql.PreparedStatement s =
                  c.prepareStatement(
                      "SELECT n.nspname FROM pg_namespace n WHERE n.nspname LIKE 'outlet\\_%'"
                          + " AND EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = n.nspname"
                          + " AND t.tablename = 'schedule_ticks') ORDER BY 1");
              java.sql.ResultSet r = s.executeQuery()) {
            while (r.next()) {
              regions.add(r.getString(1).substring("outlet_".length()).replace('_', '-'));
            }
          }
          return regions;
        });
  }

  static PgStores open(PostgresUrl url, Path blobDir, String region, Path data) throws IOException {
    PgDatabase db = PgDatabase.open(url, CONNECTIONS, schemaOf(region));
    PgChanges changes = null;
    try {
      changes = PgChanges.start(db);
      PgFunctionRepository functions = PgFunctionRepository.open(db);
      BlobStore blobs = blobDir != null ? DirectoryBlobStore.open(blobDir) : PgBlobStore.open(db);
      return new PgStores(
          db,
          changes,
          functions,
          blobs,
          new SharedCodeStore(ZipCodeStore.create(data), blobs),
          PgClaimQueue.open(db),
          PgConcurrencyLedger.open(db, "node-" + UUID.randomUUID(), GRANT_LEASE),
          PgScheduleGate.start(db, schemaOf(region)),
          PgQueueOwnership.start(db, schemaOf(region)));
    } catch (IOException | RuntimeException e) {
      if (changes != null) {
        changes.close();
      }
      db.close();
      throw e;
    }
  }

  @Override
  public FunctionRepository functions() {
    return functions;
  }

  @Override
  public CodeStore code() {
    return code;
  }

  @Override
  public DocumentStore documents(String name) {
    return PgDocuments.open(db, changes, name);
  }

  @Override
  public dev.outlet.core.DefinitionStore definitions(String name) {
    return PgDefinitions.open(db, changes, name);
  }

  @Override
  public void onFunctionsChanged(Runnable reload) {
    functions.watch(changes, reload);
  }

  @Override
  public Optional<ClaimQueue> sharedWork() {
    return Optional.of(work);
  }

  @Override
  public Optional<ConcurrencyLedger> sharedConcurrency() {
    return Optional.of(concurrency);
  }

  @Override
  public dev.outlet.core.ScheduleGate schedules() {
    return schedules;
  }

  @Override
  public Optional<dev.outlet.core.QueueOwnership> sharedQueues() {
    return Optional.of(queues);
  }

  @Override
  public boolean shared() {
    return true;
  }

  /** The database, for what else the cluster keeps there (its nodes). */
  public PgDatabase database() {
    return db;
  }

  @Override
  public void close() {
    try {
      concurrency.close();
    } catch (RuntimeException e) {
      // the database is away: the grants' leases run out instead
    }
    schedules.close();
    queues.close();
    changes.close();
    blobs.close();
    db.close();
  }
}
