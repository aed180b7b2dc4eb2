package dev.outlet.registry;

import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The durable part of the registry: {@code registry.db} (WAL, {@code synchronous=FULL}) with
 * repositories, blob links (which repository may see which blob), manifests and tags. Each method
 * is one transaction on the one connection, serialized on this store, so a manifest and its tag
 * appear together or not at all. Blocking: virtual threads only. Thread-safe.
 */
final class RegistryStore implements AutoCloseable {
  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS repositories (name TEXT PRIMARY KEY, region TEXT NOT NULL,"
              + " created INTEGER NOT NULL, immutable INTEGER NOT NULL, scan INTEGER NOT NULL,"
              + " lifecycle TEXT)",
          "CREATE TABLE IF NOT EXISTS blob_links (repo TEXT NOT NULL, digest TEXT NOT NULL,"
              + " size INTEGER NOT NULL, PRIMARY KEY (repo, digest))",
          "CREATE TABLE IF NOT EXISTS manifests (repo TEXT NOT NULL, digest TEXT NOT NULL,"
              + " media_type TEXT NOT NULL, body BLOB NOT NULL, layers_size INTEGER NOT NULL,"
              + " artifact_type TEXT, pushed INTEGER NOT NULL, PRIMARY KEY (repo, digest))",
          "CREATE TABLE IF NOT EXISTS tags (repo TEXT NOT NULL, tag TEXT NOT NULL,"
              + " digest TEXT NOT NULL, PRIMARY KEY (repo, tag))");

  /** A manifest's bytes and media type. */
  record ManifestBytes(Digest digest, String mediaType, byte[] body) {}

  private final Connection db;

  private RegistryStore(Connection db) {
    this.db = db;
  }

  static RegistryStore open(Path file) {
    return new RegistryStore(DurableSqlite.open(file, SCHEMA));
  }

  synchronized Map<String, Repository> repositories() {
    Map<String, Repository> all = new LinkedHashMap<>();
    try (var s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name, region, created, immutable, scan, lifecycle FROM repositories"
                    + " ORDER BY name")) {
      while (r.next()) {
        all.put(
            r.getString(1),
            new Repository(
                r.getString(1),
                r.getString(2),
                Instant.ofEpochMilli(r.getLong(3)),
                r.getInt(4) != 0,
                r.getInt(5) != 0,
                r.getString(6)));
      }
      return all;
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** Inserts or replaces {@code repo}'s settings. */
  synchronized void saveRepository(Repository repo) {
    update(
        "INSERT OR REPLACE INTO repositories (name, region, created, immutable, scan, lifecycle)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        repo.name(),
        repo.region(),
        repo.createdAt().toEpochMilli(),
        repo.immutableTags() ? 1 : 0,
        repo.scanOnPush() ? 1 : 0,
        repo.lifecyclePolicy());
  }

  /** Deletes a repository with its links, manifests and tags, in one transaction. */
  synchronized void deleteRepository(String name) {
    inTransaction(
        () -> {
          for (String table : List.of("tags", "manifests", "blob_links")) {
            update("DELETE FROM " + table + " WHERE repo = ?", name);
          }
          update("DELETE FROM repositories WHERE name = ?", name);
        });
  }

  synchronized void link(String repo, Digest digest, long size) {
    update(
        "INSERT OR REPLACE INTO blob_links (repo, digest, size) VALUES (?, ?, ?)",
        repo,
        digest.toString(),
        size);
  }

  /** The size of the blob {@code repo} links, if it does. */
  synchronized OptionalLong linked(String repo, Digest digest) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT size FROM blob_links WHERE repo = ? AND digest = ?")) {
      p.setString(1, repo);
      p.setString(2, digest.toString());
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** Stores a manifest (kept if already there) and points {@code tag} (may be null) at it. */
  synchronized void putManifest(
      String repo, Digest digest, Manifest parsed, byte[] body, Instant pushed, String tag) {
    inTransaction(
        () -> {
          update(
              "INSERT OR IGNORE INTO manifests (repo, digest, media_type, body, layers_size,"
                  + " artifact_type, pushed) VALUES (?, ?, ?, ?, ?, ?, ?)",
              repo,
              digest.toString(),
              parsed.mediaType(),
              body,
              parsed.layersSize(),
              parsed.artifactType(),
              pushed.toEpochMilli());
          if (tag != null) {
            update(
                "INSERT OR REPLACE INTO tags (repo, tag, digest) VALUES (?, ?, ?)",
                repo,
                tag,
                digest.toString());
          }
        });
  }

  synchronized Optional<ManifestBytes> manifest(String repo, Digest digest) {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT media_type, body FROM manifests WHERE repo = ? AND digest = ?")) {
      p.setString(1, repo);
      p.setString(2, digest.toString());
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new ManifestBytes(digest, r.getString(1), r.getBytes(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** The digest {@code tag} points at in {@code repo}. */
  synchronized Optional<Digest> tagged(String repo, String tag) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT digest FROM tags WHERE repo = ? AND tag = ?")) {
      p.setString(1, repo);
      p.setString(2, tag);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(Digest.parse(r.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** {@code repo}'s tags in order. */
  synchronized List<String> tags(String repo) {
    List<String> tags = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement("SELECT tag FROM tags WHERE repo = ? ORDER BY tag")) {
      p.setString(1, repo);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          tags.add(r.getString(1));
        }
      }
      return tags;
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** {@code repo}'s images with their tags, oldest first. */
  synchronized List<StoredImage> images(String repo) {
    Map<String, List<String>> tagsOf = new LinkedHashMap<>();
    List<StoredImage> images = new ArrayList<>();
    try (PreparedStatement t =
            db.prepareStatement("SELECT tag, digest FROM tags WHERE repo = ? ORDER BY tag");
        PreparedStatement m =
            db.prepareStatement(
                "SELECT digest, media_type, layers_size, artifact_type, pushed FROM manifests"
                    + " WHERE repo = ? ORDER BY pushed, digest")) {
      t.setString(1, repo);
      try (ResultSet r = t.executeQuery()) {
        while (r.next()) {
          tagsOf.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(r.getString(1));
        }
      }
      m.setString(1, repo);
      try (ResultSet r = m.executeQuery()) {
        while (r.next()) {
          images.add(
              new StoredImage(
                  repo,
                  Digest.parse(r.getString(1)),
                  r.getString(2),
                  r.getLong(3),
                  r.getString(4),
                  Instant.ofEpochMilli(r.getLong(5)),
                  tagsOf.getOrDefault(r.getString(1), List.of())));
        }
      }
      return images;
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  /** Deletes a manifest and every tag pointing at it; false when there was none. */
  synchronized boolean deleteManifest(String repo, Digest digest) {
    boolean[] deleted = {false};
    inTransaction(
        () -> {
          update("DELETE FROM tags WHERE repo = ? AND digest = ?", repo, digest.toString());
          deleted[0] =
              update("DELETE FROM manifests WHERE repo = ? AND digest = ?", repo, digest.toString())
                  > 0;
        });
    return deleted[0];
  }

  /** Deletes one tag; false when there was none. */
  synchronized boolean deleteTag(String repo, String tag) {
    return update("DELETE FROM tags WHERE repo = ? AND tag = ?", repo, tag) > 0;
  }

  private void inTransaction(Runnable work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (RuntimeException | SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
    } catch (SQLException e) {
      throw fault(e);
    }
  }

  private static StorageException fault(SQLException e) {
    return new StorageException("registry.db: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    DurableSqlite.closeQuietly(db);
  }
}
