package dev.outlet.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.DefinitionStore;
import dev.outlet.storage.DurableSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A region's event source mappings, with an in-memory copy: on one machine in {@code
 * <dataDir>/mappings.db} (WAL, {@code synchronous=FULL}); in a cluster as documents of the shared
 * definitions, read by whichever node owns the region's queues. Durable: a method returns after its
 * write committed, and only then changes the copy. Thread-safe (synchronized: the control plane's,
 * not a hot path); blocking, so called off event loops.
 */
final class MappingStore implements AutoCloseable {
  static final String FILE = "mappings.db";

  /** The kind of a mapping's document in a cluster's definitions. */
  static final String KIND = "event-source-mapping";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Connection db;
  private final DefinitionStore shared;
  private final TreeMap<String, Mapping> byUuid = new TreeMap<>();

  private MappingStore(Connection db, DefinitionStore shared) {
    this.db = db;
    this.shared = shared;
  }

  /** A mapping as its document holds it. */
  record Doc(
      String uuid,
      String source,
      String function,
      String functionArn,
      int batchSize,
      int windowSeconds,
      List<String> filters,
      boolean reportFailures,
      Integer maxConcurrency,
      boolean enabled,
      long modifiedMs) {
    static Doc of(Mapping m) {
      return new Doc(
          m.uuid(),
          m.eventSourceArn(),
          m.function(),
          m.functionArn(),
          m.batchSize(),
          m.windowSeconds(),
          m.filters(),
          m.reportItemFailures(),
          m.maxConcurrency(),
          m.enabled(),
          m.lastModified().toEpochMilli());
    }

    Mapping mapping() {
      return new Mapping(
          uuid,
          source,
          function,
          functionArn,
          batchSize,
          windowSeconds,
          filters,
          reportFailures,
          maxConcurrency,
          enabled,
          Instant.ofEpochMilli(modifiedMs));
    }
  }

  static MappingStore open(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Connection db =
        DurableSqlite.open(
            file,
            List.of(
                "CREATE TABLE IF NOT EXISTS mappings (uuid TEXT PRIMARY KEY, source TEXT NOT NULL,"
                    + " function TEXT NOT NULL, function_arn TEXT NOT NULL,"
                    + " batch_size INTEGER NOT NULL, window_s INTEGER NOT NULL,"
                    + " filters TEXT NOT NULL, report_failures INTEGER NOT NULL,"
                    + " max_concurrency INTEGER, enabled INTEGER NOT NULL,"
                    + " modified_ms INTEGER NOT NULL)"));
    MappingStore store = new MappingStore(db, null);
    try {
      store.load();
      return store;
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      DurableSqlite.closeQuietly(db);
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The mappings of a cluster's region, documents of {@code shared} (which the caller owns). */
  static MappingStore shared(DefinitionStore shared) {
    MappingStore store = new MappingStore(null, shared);
    try {
      for (DefinitionStore.Doc d : shared.loadAll()) {
        if (KIND.equals(d.kind())) {
          Mapping m = JSON.readValue(d.json(), Doc.class).mapping();
          store.byUuid.put(m.uuid(), m);
        }
      }
      return store;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the cluster's event source mappings: " + e.getMessage(), e);
    }
  }

  private synchronized void load() throws SQLException, JsonProcessingException {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT uuid, source, function, function_arn, batch_size, window_s, filters,"
                    + " report_failures, max_concurrency, enabled, modified_ms FROM mappings")) {
      while (r.next()) {
        int concurrency = r.getInt(9);
        Integer max = r.wasNull() ? null : concurrency;
        Mapping m =
            new Mapping(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getInt(5),
                r.getInt(6),
                JSON.readValue(r.getString(7), STRINGS),
                r.getInt(8) != 0,
                max,
                r.getInt(10) != 0,
                Instant.ofEpochMilli(r.getLong(11)));
        byUuid.put(m.uuid(), m);
      }
    }
  }

  /** Every mapping, by UUID. */
  synchronized List<Mapping> all() {
    return List.copyOf(byUuid.values());
  }

  synchronized Optional<Mapping> find(String uuid) {
    return Optional.ofNullable(byUuid.get(uuid));
  }

  /** Creates or replaces {@code m}. */
  synchronized void put(Mapping m) {
    if (shared != null) {
      try {
        shared.write(
            List.of(
                DefinitionStore.Change.put(
                    KIND, "", m.uuid(), JSON.writeValueAsString(Doc.of(m)))));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot store event source mapping " + m.uuid(), e);
      }
      byUuid.put(m.uuid(), m);
      return;
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO mappings (uuid, source, function, function_arn, batch_size,"
                + " window_s, filters, report_failures, max_concurrency, enabled, modified_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, m.uuid());
      p.setString(2, m.eventSourceArn());
      p.setString(3, m.function());
      p.setString(4, m.functionArn());
      p.setInt(5, m.batchSize());
      p.setInt(6, m.windowSeconds());
      p.setString(7, JSON.writeValueAsString(m.filters()));
      p.setInt(8, m.reportItemFailures() ? 1 : 0);
      if (m.maxConcurrency() == null) {
        p.setNull(9, java.sql.Types.INTEGER);
      } else {
        p.setInt(9, m.maxConcurrency());
      }
      p.setInt(10, m.enabled() ? 1 : 0);
      p.setLong(11, m.lastModified().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store event source mapping " + m.uuid(), e);
    }
    byUuid.put(m.uuid(), m);
  }

  synchronized void delete(String uuid) {
    if (shared != null) {
      shared.write(List.of(DefinitionStore.Change.delete(KIND, "", uuid)));
      byUuid.remove(uuid);
      return;
    }
    try (PreparedStatement p = db.prepareStatement("DELETE FROM mappings WHERE uuid = ?")) {
      p.setString(1, uuid);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete event source mapping " + uuid, e);
    }
    byUuid.remove(uuid);
  }

  @Override
  public synchronized void close() {
    if (db != null) {
      DurableSqlite.closeQuietly(db);
    }
  }
}
