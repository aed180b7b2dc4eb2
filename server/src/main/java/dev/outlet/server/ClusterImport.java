package dev.outlet.server;

import dev.outlet.core.BlobStore;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.Limits;
import dev.outlet.core.NodeRegistry;
import dev.outlet.iam.IdentityTables;
import dev.outlet.mappings.EventSourceMappings;
import dev.outlet.postgres.PgBlobStore;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgNodeRegistry;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.registry.RegistryTables;
import dev.outlet.storage.DirectoryBlobStore;
import dev.outlet.storage.DocumentTable;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.SqliteDefinitions;
import dev.outlet.storage.SqliteFunctionRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code outlet cluster import}: what one machine's data folder holds, copied into a cluster's
 * PostgreSQL store, so a team that outgrows one host keeps its functions. Copied: each region's
 * functions, versions (and their counters), aliases, packages, layers, tags, settings, policies,
 * provisioned concurrency, EventBridge buses and rules, HTTP APIs and Function URLs, event source
 * mappings, queues with their messages; the identities; the registry's repositories, images and
 * layers. Not copied: logs and metrics (history), and {@code Event} invocations still waiting.
 *
 * <p>It runs only while no node serves the cluster (nodes load at their start, and a queue owner
 * holds its queues) and no Outlet serves the folder ({@link DataLock}), and before writing anything
 * it checks every region for what would clash: a function, version or alias the cluster holds with
 * other contents, a queue the cluster has and the folder does not, a package the folder's records
 * name and lack. Every copy skips what the cluster already holds as copied, so an import cut short
 * is finished by running it again.
 */
final class ClusterImport {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** One machine's queues in a region's folder. */
  static final String SQS_FILE = "sqs.db";

  /** The largest blob copied: what Lambda allows a function's code and layers in all. */
  private static final long MAX_BLOB = Limits.TOTAL_CODE_SIZE;

  /** The import cannot go on, and wrote nothing: {@link #getMessage} says why and what to do. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final PostgresUrl url;
  private final Path blobDir;
  private final PrintWriter out;

  ClusterImport(PostgresUrl url, Path blobDir, PrintWriter out) {
    this.url = url;
    this.blobDir = blobDir;
    this.out = out;
  }

  /**
   * Imports {@code data}, the data folder of an Outlet whose default region was {@code home} (its
   * other regions in {@code data/regions}).
   */
  void run(Path data, String home) throws Refused, IOException {
    if (!Files.isDirectory(data)) {
      throw new Refused("no data folder at " + data);
    }
    DataLock lock;
    try {
      lock = DataLock.take(data);
    } catch (DataLock.Held e) {
      throw new Refused("nothing imported: " + e.getMessage());
    }
    try (lock) {
      refuseWhileNodesServe();
      copy(data, home);
    }
  }

  private void copy(Path data, String home) throws Refused, IOException {
    Map<String, Path> regions = regions(data, home);
    List<RegionImport> imports = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> e : regions.entrySet()) {
        imports.add(RegionImport.open(url, blobDir, e.getKey(), e.getValue()));
      }
      List<String> clashes = new ArrayList<>();
      for (RegionImport r : imports) {
        clashes.addAll(r.clashes());
      }
      if (!clashes.isEmpty()) {
        throw new Refused(
            "nothing imported; the cluster already holds what "
                + data
                + " would overwrite:\n  "
                + String.join("\n  ", clashes)
                + "\ndelete those in the cluster (or in the folder) and run the import again");
      }
      for (RegionImport r : imports) {
        out.println(r.region() + ": " + r.copy());
        out.flush();
      }
    } finally {
      imports.forEach(RegionImport::close);
    }
    copyIdentities(data.resolve("iam").resolve("keys.db"));
    copyRegistry(data.resolve("registry"));
  }

  /** The regions of {@code data}: {@code home}'s in the folder itself, the others beneath it. */
  static Map<String, Path> regions(Path data, String home) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    out.put(home, data);
    Path folder = data.resolve(Regions.FOLDER);
    if (Files.isDirectory(folder)) {
      try (Stream<Path> dirs = Files.list(folder)) {
        dirs.filter(Files::isDirectory)
            .filter(p -> Regions.isName(p.getFileName().toString()))
            .filter(p -> !p.getFileName().toString().equals(home))
            .forEach(p -> out.put(p.getFileName().toString(), p));
      }
    }
    return out;
  }

  private void refuseWhileNodesServe() throws Refused {
    List<String> live = new ArrayList<>();
    try (PgDatabase db = PgDatabase.open(url, 1, ClusterNode.SCHEMA)) {
      Instant recent = Instant.now().minus(ClusterNode.TIMEOUT);
      for (NodeRegistry.Node n : PgNodeRegistry.open(db).nodes()) {
        if (n.state() != NodeRegistry.State.DOWN && n.heartbeat().isAfter(recent)) {
          live.add(n.id() + " (" + n.address() + ")");
        }
      }
    }
    if (!live.isEmpty()) {
      throw new Refused(
          "nothing imported: nodes serve this cluster now: "
              + String.join(", ", live)
              + "; stop them (outlet drain NODE --wait, then stop the process) and run the import"
              + " again: a node reads the store when it starts");
    }
  }

  private void copyIdentities(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (PgDatabase db = PgDatabase.open(url, 1, SharedIdentities.SCHEMA)) {
      db.migrate("identities", List.of(IdentityTables.postgresSchema()));
      out.println("identities: " + copyTables(file, db) + " rows");
      out.flush();
    }
  }

  private void copyRegistry(Path dir) throws IOException {
    Path file = dir.resolve("registry.db");
    if (!Files.exists(file)) {
      return;
    }
    try (PgDatabase db = PgDatabase.open(url, 2, SharedRegistry.SCHEMA)) {
      db.migrate("registry", RegistryTables.postgresMigrations());
      BlobStore shared = blobDir != null ? DirectoryBlobStore.open(blobDir) : PgBlobStore.open(db);
      try {
        int blobs = 0;
        Path local = dir.resolve("blobs").resolve("sha256");
        if (Files.isDirectory(local)) {
          try (Stream<Path> files = Files.list(local)) {
            for (Path f : files.sorted().toList()) {
              String hex = f.getFileName().toString();
              if (HEX.matcher(hex).matches() && Files.isRegularFile(f)) {
                blobs += share(shared, hex, f) ? 1 : 0;
              }
            }
          }
        }
        int rows = copyTables(file, db); // after the blobs: a link names a blob that is there
        out.println("registry: " + rows + " rows, " + blobs + " blobs");
        out.flush();
      } finally {
        shared.close();
      }
    }
  }

  /** Copies every table of {@code file} into {@code db}'s same-named tables, in one transaction. */
  static int copyTables(Path file, PgDatabase db) {
    Connection from = DurableSqlite.open(file, List.of());
    try {
      return db.transaction(
          to -> {
            int rows = 0;
            for (String table : TableCopy.tables(from)) {
              rows += TableCopy.copy(from, to, table);
            }
            return rows;
          });
    } finally {
      DurableSqlite.closeQuietly(from);
    }
  }

  /**
   * Puts {@code file} in {@code shared} as blob {@code hex} unless it is there (then marks it put
   * now, as a node storing it does): whether it was copied. Refuses bytes that are not {@code hex}.
   */
  static boolean share(BlobStore shared, String hex, Path file) throws IOException {
    if (shared.touch(hex)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      String put = shared.put(in, MAX_BLOB);
      if (!put.equals(hex)) {
        shared.delete(put);
        throw new IOException(file + " is corrupt: its bytes hash to " + put + ", not " + hex);
      }
    }
    return true;
  }

  /** One region's copy: its folder read, its schema in the cluster's database written. */
  private static final class RegionImport implements AutoCloseable {
    private final String region;
    private final Path folder;
    private final RegionTarget target;
    private final SqliteFunctionRepository source;

    private RegionImport(
        String region, Path folder, RegionTarget target, SqliteFunctionRepository source) {
      this.region = region;
      this.folder = folder;
      this.target = target;
      this.source = source;
    }

    static RegionImport open(PostgresUrl url, Path blobDir, String region, Path folder)
        throws IOException {
      RegionTarget target = RegionTarget.open(url, blobDir, region);
      try {
        SqliteFunctionRepository source =
            Files.exists(folder.resolve(SqliteFunctionRepository.FILE))
                ? SqliteFunctionRepository.open(folder)
                : null;
        return new RegionImport(region, folder, target, source);
      } catch (RuntimeException e) {
        target.close();
        throw e;
      }
    }

    String region() {
      return region;
    }

    /** What the cluster holds with other contents than the folder, each said in a line. */
    List<String> clashes() throws IOException {
      List<String> out = new ArrayList<>();
      if (source != null) {
        out.addAll(target.clashes(region, source));
        for (String hex : packages()) {
          if (!Files.isRegularFile(zip(hex))) {
            out.add(region + ": package " + hex + ", which the folder's records name, is missing");
          }
        }
      }
      Path sqs = folder.resolve(SQS_FILE);
      if (Files.exists(sqs)) {
        out.addAll(target.queueClashes(region, queueNames(sqs)));
      }
      return out;
    }

    /** Copies the region: a line of what was copied. */
    String copy() throws IOException {
      Tally tally = new Tally();
      if (source != null) {
        for (String hex : packages()) {
          tally.add("packages", share(target.blobs(), hex, zip(hex)));
        }
        target.copyFunctions(source, tally);
      }
      for (String name : StoreNames.DOCUMENTS) {
        Path file = folder.resolve(name + ".db");
        if (Files.exists(file)) {
          try (DocumentTable docs = DocumentTable.open(file)) {
            target.copyDocuments(name, docs, tally);
          }
        }
      }
      for (String name : StoreNames.DEFINITIONS) {
        Path file = folder.resolve(name + ".db");
        if (Files.exists(file)) {
          try (SqliteDefinitions defs = SqliteDefinitions.open(file)) {
            target.copyDefinitions(name, defs, tally);
          }
        }
      }
      try (DefinitionStore mappings = target.definitions(StoreNames.MAPPINGS)) {
        tally.count("event source mappings", EventSourceMappings.copy(folder, mappings));
      }
      Path sqs = folder.resolve(SQS_FILE);
      if (Files.exists(sqs)) {
        tally.count("queue rows", target.copyQueues(sqs));
      }
      return tally.toString();
    }

    /** The zip packages the folder's functions, versions and layer versions name. */
    private Set<String> packages() throws IOException {
      Set<String> out = new TreeSet<>();
      List<FunctionRecord> records = new ArrayList<>(source.loadAll());
      source.loadVersions().forEach(v -> records.add(v.snapshot()));
      for (FunctionRecord r : records) {
        if (r.code() != null && r.code().image() == null) {
          out.add(r.code().sha256Hex());
        }
      }
      Path layers = folder.resolve(StoreNames.LAYERS + ".db");
      if (Files.exists(layers)) {
        try (DocumentTable docs = DocumentTable.open(layers)) {
          for (Map<String, String> owned : docs.everything().values()) {
            for (String json : owned.values()) {
              BlobReferences.collect(json, out);
            }
          }
        }
      }
      return out;
    }

    private Path zip(String hex) throws IOException {
      if (!HEX.matcher(hex).matches()) {
        throw new IOException("a record names package '" + hex + "', which is no SHA-256");
      }
      return folder.resolve("code").resolve(hex + ".zip");
    }

    private static Set<String> queueNames(Path sqs) throws IOException {
      Connection c = DurableSqlite.open(sqs, List.of());
      try (var s = c.createStatement();
          var r = s.executeQuery("SELECT name FROM queues")) {
        Set<String> names = new TreeSet<>();
        while (r.next()) {
          names.add(r.getString(1));
        }
        return names;
      } catch (SQLException e) {
        throw new IOException("cannot read the queues of " + sqs + ": " + e.getMessage(), e);
      } finally {
        DurableSqlite.closeQuietly(c);
      }
    }

    @Override
    public void close() {
      if (source != null) {
        source.close();
      }
      target.close();
    }
  }

  /** Counts of what a region's copy found and added, printed in the order first counted. */
  static final class Tally {
    private final Map<String, int[]> counts = new java.util.LinkedHashMap<>();

    /** One item of {@code what} found; {@code added} if the cluster did not hold it. */
    void add(String what, boolean added) {
      int[] c = counts.computeIfAbsent(what, k -> new int[2]);
      c[0]++;
      if (added) {
        c[1]++;
      }
    }

    /** {@code n} items of {@code what} found and put (puts that replace count as added). */
    void count(String what, int n) {
      int[] c = counts.computeIfAbsent(what, k -> new int[2]);
      c[0] += n;
      c[1] += n;
    }

    @Override
    public String toString() {
      if (counts.isEmpty()) {
        return "nothing to import";
      }
      List<String> parts = new ArrayList<>();
      counts.forEach(
          (what, c) -> parts.add(c[0] + " " + what + (c[0] == c[1] ? "" : " (" + c[1] + " new)")));
      return String.join(", ", parts);
    }
  }
}
