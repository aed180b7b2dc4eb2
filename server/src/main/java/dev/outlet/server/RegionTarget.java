package dev.outlet.server;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.BlobStore;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionVersion;
import dev.outlet.postgres.PgBlobStore;
import dev.outlet.postgres.PgChanges;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgDefinitions;
import dev.outlet.postgres.PgDocuments;
import dev.outlet.postgres.PgFunctionRepository;
import dev.outlet.postgres.PgStores;
import dev.outlet.postgres.PostgresUrl;
import dev.outlet.sqs.SqsStore;
import dev.outlet.storage.DirectoryBlobStore;
import dev.outlet.storage.SqliteFunctionRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A region of a cluster's store as {@link ClusterImport} writes it: the region's schema, its change
 * feed (which the document and definition stores follow) and its blobs.
 */
final class RegionTarget implements AutoCloseable {
  private final PgDatabase db;
  private final PgChanges changes;
  private final PgFunctionRepository functions;
  private final BlobStore blobs;

  private RegionTarget(
      PgDatabase db, PgChanges changes, PgFunctionRepository functions, BlobStore blobs) {
    this.db = db;
    this.changes = changes;
    this.functions = functions;
    this.blobs = blobs;
  }

  static RegionTarget open(PostgresUrl url, Path blobDir, String region) throws IOException {
    PgDatabase db = PgDatabase.open(url, 2, PgStores.schemaOf(region));
    PgChanges changes = null;
    try {
      changes = PgChanges.start(db);
      PgFunctionRepository functions = PgFunctionRepository.open(db);
      BlobStore blobs = blobDir != null ? DirectoryBlobStore.open(blobDir) : PgBlobStore.open(db);
      return new RegionTarget(db, changes, functions, blobs);
    } catch (IOException | RuntimeException e) {
      if (changes != null) {
        changes.close();
      }
      db.close();
      throw e;
    }
  }

  BlobStore blobs() {
    return blobs;
  }

  DefinitionStore definitions(String name) {
    return PgDefinitions.open(db, changes, name);
  }

  /**
   * The functions, versions and aliases the cluster holds with other contents than {@code from}.
   */
  List<String> clashes(String region, SqliteFunctionRepository from) {
    List<String> out = new ArrayList<>();
    Map<String, String> held = new HashMap<>();
    functions.loadAll().forEach(f -> held.put(f.name(), f.revisionId()));
    for (FunctionRecord f : from.loadAll()) {
      String revision = held.get(f.name());
      if (revision != null && !revision.equals(f.revisionId())) {
        out.add(region + ": function " + f.name() + " (another RevisionId in the cluster)");
      }
    }
    Map<String, String> versions = new HashMap<>();
    functions
        .loadVersions()
        .forEach(v -> versions.put(v.function() + ":" + v.number(), v.snapshot().revisionId()));
    for (FunctionVersion v : from.loadVersions()) {
      String revision = versions.get(v.function() + ":" + v.number());
      if (revision != null && !revision.equals(v.snapshot().revisionId())) {
        out.add(region + ": version " + v.function() + ":" + v.number() + " (another one there)");
      }
    }
    Map<String, String> aliases = new HashMap<>();
    functions
        .loadAliases()
        .forEach(a -> aliases.put(a.function() + ":" + a.name(), a.revisionId()));
    for (AliasRecord a : from.loadAliases()) {
      String revision = aliases.get(a.function() + ":" + a.name());
      if (revision != null && !revision.equals(a.revisionId())) {
        out.add(region + ": alias " + a.function() + ":" + a.name() + " (another one there)");
      }
    }
    return out;
  }

  /** The queues of the cluster's region that {@code names} (the folder's queues) lacks. */
  List<String> queueClashes(String region, Set<String> names) {
    List<String> held =
        db.single(
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement s =
                      c.prepareStatement(
                          "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname ="
                              + " current_schema() AND tablename = 'queues')");
                  ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                  return out;
                }
              }
              try (PreparedStatement s = c.prepareStatement("SELECT name FROM queues");
                  ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  out.add(r.getString(1));
                }
              }
              return out;
            });
    List<String> out = new ArrayList<>();
    for (String q : held) {
      if (!names.contains(q)) {
        out.add(
            region
                + ": queue "
                + q
                + " (the cluster has queues of its own: their messages"
                + " would mix with the folder's)");
      }
    }
    return out;
  }

  /** Copies functions, versions, counters and aliases: what the cluster lacks. */
  void copyFunctions(SqliteFunctionRepository from, ClusterImport.Tally tally) {
    Set<String> held = new java.util.HashSet<>();
    functions.loadAll().forEach(f -> held.add(f.name()));
    for (FunctionRecord f : from.loadAll()) {
      boolean add = held.add(f.name());
      if (add) {
        functions.insert(f);
      }
      tally.add("functions", add);
    }
    Set<String> versions = new java.util.HashSet<>();
    functions.loadVersions().forEach(v -> versions.add(v.function() + ":" + v.number()));
    for (FunctionVersion v : from.loadVersions()) {
      boolean add = versions.add(v.function() + ":" + v.number());
      if (add) {
        functions.insertVersion(v);
      }
      tally.add("versions", add);
    }
    from.loadVersionCounters().forEach(functions::raiseVersionCounter);
    for (AliasRecord a : from.loadAliases()) {
      tally.add("aliases", functions.insertAlias(a));
    }
  }

  /** Puts every document of {@code from} in the cluster's store {@code name}. */
  void copyDocuments(String name, DocumentStore from, ClusterImport.Tally tally) {
    try (PgDocuments to = PgDocuments.open(db, changes, name)) {
      from.everything()
          .forEach(
              (owner, docs) ->
                  docs.forEach(
                      (key, doc) -> {
                        boolean add = !to.get(owner, key).map(doc::equals).orElse(false);
                        if (add) {
                          to.put(owner, key, doc);
                        }
                        tally.add(name + " documents", add);
                      }));
    }
  }

  /** Puts every definition of {@code from} in the cluster's store {@code name}, in one write. */
  void copyDefinitions(String name, DefinitionStore from, ClusterImport.Tally tally) {
    List<DefinitionStore.Doc> docs = from.loadAll();
    if (docs.isEmpty()) {
      return;
    }
    try (DefinitionStore to = definitions(name)) {
      to.write(
          docs.stream()
              .map(d -> DefinitionStore.Change.put(d.kind(), d.parent(), d.id(), d.json()))
              .toList());
    }
    tally.count(name + " definitions", docs.size());
  }

  /** Copies the rows of one machine's queues into the region's: how many were added. */
  int copyQueues(Path sqs) {
    db.migrate("sqs", SqsStore.POSTGRESQL);
    return ClusterImport.copyTables(sqs, db);
  }

  @Override
  public void close() {
    try {
      blobs.close();
    } finally {
      changes.close();
      db.close();
    }
  }
}
