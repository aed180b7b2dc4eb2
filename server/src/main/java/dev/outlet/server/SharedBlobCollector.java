package dev.outlet.server;

import dev.outlet.core.BlobStore;
import dev.outlet.postgres.PgBlobStore;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgLeader;
import dev.outlet.storage.DirectoryBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a cluster's shared blobs that nothing uses any more: function and layer packages no
 * function, version or layer version of any region names, and image layers no repository links. One
 * node collects at a time (the holder of the {@code unused-blobs} lead); each pass reads every
 * reference first, then removes from each shared store (each region's and the registry's large
 * objects, or the one {@code --blob-dir} folder) the blobs not referenced that were not put within
 * the grace. The grace covers the moment between a package's put and the commit of the function
 * that names it: a writer that finds its bytes stored touches them instead ({@link
 * BlobStore#touch}), and the removal itself only takes a blob still older than the grace. A pass
 * that cannot read every reference removes nothing. Every node, leading or not, also trims its own
 * copies at each pass's time ({@code localCopies}: the registry's cached blobs no repository links
 * any more).
 */
final class SharedBlobCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedBlobCollector.class);

  /** The lead's role (its advisory lock's key is made from it). */
  static final String ROLE = "unused-blobs";

  /** The longest time between two passes. */
  static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

  private final PgDatabase db;
  private final dev.outlet.postgres.PostgresUrl url;
  private final PgLeader leader;
  private final java.nio.file.Path blobDir;
  private final Duration grace;
  private final Map<String, PgDatabase> schemas = new LinkedHashMap<>(); // owned by the passes
  private final ScheduledFuture<?> repeat;
  private final LocalCopies localCopies;

  /** This node's copies of shared blobs, trimmed to what is still linked; how many went. */
  @FunctionalInterface
  interface LocalCopies {
    int trim() throws IOException;
  }

  private SharedBlobCollector(
      ClusterStore cluster,
      PgDatabase db,
      ScheduledExecutorService timers,
      LocalCopies localCopies) {
    this.db = db;
    this.localCopies = localCopies;
    this.url = cluster.url();
    this.blobDir = cluster.blobDir();
    this.grace = cluster.unusedBlobGrace();
    this.leader = PgLeader.start(db, ROLE, Duration.ofSeconds(1));
    this.repeat =
        Repeat.every(
            timers,
            Repeat.VIRTUAL,
            interval(grace),
            this::tick,
            e -> LOG.warn("unused blobs: this pass removed nothing: {}", e.getMessage()));
  }

  /** Starts collecting on this node's share of the lead, and trimming its own copies. */
  static SharedBlobCollector start(
      ClusterStore cluster, ScheduledExecutorService timers, LocalCopies localCopies) {
    PgDatabase db = PgDatabase.open(cluster.url(), 2, ClusterNode.SCHEMA);
    try {
      return new SharedBlobCollector(cluster, db, timers, localCopies);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A quarter of the grace, between a second and {@link #MAX_INTERVAL}. */
  static Duration interval(Duration grace) {
    Duration quarter = grace.dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1)
        : quarter.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : quarter;
  }

  private void tick() {
    try {
      localCopies.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (leader.leads()) {
      int removed = pass();
      if (removed > 0) {
        LOG.info("unused blobs: removed {} no function, layer or image uses", removed);
      }
    }
  }

  /** One pass: every reference read, then the unused blobs past their grace removed; how many. */
  synchronized int pass() {
    Set<String> live = references();
    int removed = 0;
    for (BlobStore store : stores()) {
      try {
        for (String name : store.list()) {
          if (!live.contains(name) && store.deleteUnlessPutWithin(name, grace)) {
            removed++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return removed;
  }

  /** Every digest a region's functions, versions and layer versions name, and the images' blobs. */
  private Set<String> references() {
    Set<String> live = new HashSet<>();
    for (String schema : schemasWith("functions")) {
      List<String> records = new ArrayList<>();
      String q = "\"" + schema + "\"";
      records.addAll(column("SELECT record FROM " + q + ".functions"));
      if (tables(schema).contains("versions")) {
        records.addAll(column("SELECT record FROM " + q + ".versions"));
      }
      if (tables(schema).contains("documents")) {
        records.addAll(column("SELECT document FROM " + q + ".documents WHERE store = 'layers'"));
      }
      for (String r : records) {
        try {
          BlobReferences.collect(r, live);
        } catch (IOException e) {
          throw new IllegalStateException("a record of " + schema + " is not JSON", e);
        }
      }
    }
    if (tables(SharedRegistry.SCHEMA).contains("blob_links")) {
      for (String digest :
          column("SELECT DISTINCT digest FROM \"" + SharedRegistry.SCHEMA + "\".blob_links")) {
        live.add(digest.substring(digest.indexOf(':') + 1));
      }
    }
    return live;
  }

  /** The shared blob stores: the folder, else each schema's large objects. */
  private List<BlobStore> stores() {
    if (blobDir != null) {
      try {
        return List.of(DirectoryBlobStore.open(blobDir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<BlobStore> out = new ArrayList<>();
    for (String schema : schemasWith("blobs")) {
      out.add(PgBlobStore.open(schemas.computeIfAbsent(schema, s -> PgDatabase.open(url, 1, s))));
    }
    return out;
  }

  private List<String> schemasWith(String table) {
    return column(
        "SELECT schemaname FROM pg_tables WHERE tablename = ? AND schemaname LIKE 'outlet\\_%'"
            + " ORDER BY 1",
        table);
  }

  private Set<String> tables(String schema) {
    return new HashSet<>(column("SELECT tablename FROM pg_tables WHERE schemaname = ?", schema));
  }

  /** The first column of every row of {@code sql} with {@code parameters}. */
  private List<String> column(String sql, String... parameters) {
    return db.single(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(r.getString(1));
              }
            }
          }
          return out;
        });
  }

  @Override
  public synchronized void close() {
    repeat.cancel(false);
    leader.close();
    schemas.values().forEach(PgDatabase::close);
    db.close();
  }
}
