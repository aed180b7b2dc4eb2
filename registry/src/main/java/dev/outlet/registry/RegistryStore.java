package dev.outlet.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The durable part of the registry, on its {@link RegistryTables} (one machine's {@code
 * registry.db}, or a cluster's shared database): repositories, blob links (which repository may see
 * which blob), manifests and tags. Each method is one transaction, so a manifest and its tag appear
 * together or not at all; the statements are the same on both engines. Blocking: virtual threads
 * only. Thread-safe.
 */
final class RegistryStore implements AutoCloseable {
  private static final String REPOSITORY_COLUMNS =
      "SELECT name, region, created, immutable, scan, lifecycle FROM repositories";

  /** A manifest's bytes and media type. */
  record ManifestBytes(Digest digest, String mediaType, byte[] body) {}

  private final RegistryTables tables;

  RegistryStore(RegistryTables tables) {
    this.tables = tables;
  }

  Map<String, Repository> repositories() {
    return tables.transaction(
        c -> {
          Map<String, Repository> all = new LinkedHashMap<>();
          try (PreparedStatement p = c.prepareStatement(REPOSITORY_COLUMNS + " ORDER BY name");
              ResultSet r = p.executeQuery()) {
            while (r.next()) {
              all.put(r.getString(1), repository(r));
            }
          }
          return all;
        });
  }

  /** The repository {@code name} as stored now. */
  Optional<Repository> repository(String name) {
    return tables.transaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(REPOSITORY_COLUMNS + " WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
              return r.next() ? Optional.of(repository(r)) : Optional.<Repository>empty();
            }
          }
        });
  }

  private static Repository repository(ResultSet r) throws SQLException {
    return new Repository(
        r.getString(1),
        r.getString(2),
        Instant.ofEpochMilli(r.getLong(3)),
        r.getInt(4) != 0,
        r.getInt(5) != 0,
        r.getString(6));
  }

  /**
   * Creates {@code repo} unless one of its name exists (made here or by another node a moment
   * before); whether it did.
   */
  boolean createRepository(Repository repo) {
    return tables.transaction(
            c ->
                update(
                    c,
                    "INSERT INTO repositories (name, region, created, immutable, scan, lifecycle)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                    settings(repo)))
        > 0;
  }

  /** Replaces {@code repo}'s settings. */
  void saveRepository(Repository repo) {
    tables.transaction(
        c ->
            update(
                c,
                "INSERT INTO repositories (name, region, created, immutable, scan, lifecycle)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                    + " region = excluded.region, created = excluded.created,"
                    + " immutable = excluded.immutable, scan = excluded.scan,"
                    + " lifecycle = excluded.lifecycle",
                settings(repo)));
  }

  private static Object[] settings(Repository repo) {
    return new Object[] {
      repo.name(),
      repo.region(),
      repo.createdAt().toEpochMilli(),
      repo.immutableTags() ? 1 : 0,
      repo.scanOnPush() ? 1 : 0,
      repo.lifecyclePolicy()
    };
  }

  /** Deletes a repository with its links, manifests and tags, in one transaction. */
  void deleteRepository(String name) {
    tables.transaction(
        c -> {
          for (String table : List.of("tags", "manifests", "blob_links")) {
            update(c, "DELETE FROM " + table + " WHERE repo = ?", name);
          }
          return update(c, "DELETE FROM repositories WHERE name = ?", name);
        });
  }

  /** Links a blob into {@code repo}, seen by a push at {@code now}. */
  void link(String repo, Digest digest, long size, Instant now) {
    tables.transaction(
        c ->
            update(
                c,
                "INSERT INTO blob_links (repo, digest, size, seen) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (repo, digest) DO UPDATE SET size = excluded.size,"
                    + " seen = excluded.seen",
                repo,
                digest.toString(),
                size,
                now.toEpochMilli()));
  }

  /**
   * The size of the blob {@code repo} links, if it does; when {@code now} is not null, marked as
   * seen by a push at {@code now} (written only when the mark is older than {@code within}: a
   * client checking a layer again and again writes once).
   */
  OptionalLong linked(String repo, Digest digest, Instant now, java.time.Duration within) {
    return tables.transaction(
        c -> {
          long size;
          long seen;
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT size, seen FROM blob_links WHERE repo = ? AND digest = ?")) {
            p.setString(1, repo);
            p.setString(2, digest.toString());
            try (ResultSet r = p.executeQuery()) {
              if (!r.next()) {
                return OptionalLong.empty();
              }
              size = r.getLong(1);
              seen = r.getLong(2);
            }
          }
          if (now != null && seen < now.minus(within).toEpochMilli()) {
            update(
                c,
                "UPDATE blob_links SET seen = ? WHERE repo = ? AND digest = ? AND seen < ?",
                now.toEpochMilli(),
                repo,
                digest.toString(),
                now.toEpochMilli());
          }
          return OptionalLong.of(size);
        });
  }

  /** The digests (hex) some repository links. */
  Set<String> linkedDigests() {
    return tables.transaction(
        c -> {
          Set<String> out = new HashSet<>();
          try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT digest FROM blob_links");
              ResultSet r = p.executeQuery()) {
            while (r.next()) {
              out.add(Digest.parse(r.getString(1)).hex());
            }
          }
          return out;
        });
  }

  /**
   * Stores a manifest (kept if already there) and points {@code tag} (may be null) at it; the blobs
   * it names are no push's any more (the manifest keeps them now).
   */
  void putManifest(
      String repo, Digest digest, Manifest parsed, byte[] body, Instant pushed, String tag) {
    tables.transaction(
        c -> {
          update(
              c,
              "INSERT INTO manifests (repo, digest, media_type, body, layers_size,"
                  + " artifact_type, pushed) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (repo, digest) DO NOTHING",
              repo,
              digest.toString(),
              parsed.mediaType(),
              body,
              parsed.layersSize(),
              parsed.artifactType(),
              pushed.toEpochMilli());
          if (tag != null) {
            update(
                c,
                "INSERT INTO tags (repo, tag, digest) VALUES (?, ?, ?)"
                    + " ON CONFLICT (repo, tag) DO UPDATE SET digest = excluded.digest",
                repo,
                tag,
                digest.toString());
          }
          if (parsed.kind() == Manifest.Kind.IMAGE) { // the push that wanted them named them
            List<Manifest.Descriptor> named = new ArrayList<>(parsed.blobs());
            if (parsed.config() != null) {
              named.add(parsed.config());
            }
            for (Manifest.Descriptor d : named) {
              update(
                  c,
                  "UPDATE blob_links SET seen = 0 WHERE repo = ? AND digest = ?",
                  repo,
                  d.digest().toString());
            }
          }
          return null;
        });
  }

  Optional<ManifestBytes> manifest(String repo, Digest digest) {
    return tables.transaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT media_type, body FROM manifests WHERE repo = ? AND digest = ?")) {
            p.setString(1, repo);
            p.setString(2, digest.toString());
            try (ResultSet r = p.executeQuery()) {
              return r.next()
                  ? Optional.of(new ManifestBytes(digest, r.getString(1), r.getBytes(2)))
                  : Optional.<ManifestBytes>empty();
            }
          }
        });
  }

  /** The digest {@code tag} points at in {@code repo}. */
  Optional<Digest> tagged(String repo, String tag) {
    return tables.transaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT digest FROM tags WHERE repo = ? AND tag = ?")) {
            p.setString(1, repo);
            p.setString(2, tag);
            try (ResultSet r = p.executeQuery()) {
              return r.next()
                  ? Optional.of(Digest.parse(r.getString(1)))
                  : Optional.<Digest>empty();
            }
          }
        });
  }

  /** {@code repo}'s tags in order. */
  List<String> tags(String repo) {
    return tables.transaction(
        c -> {
          List<String> tags = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement("SELECT tag FROM tags WHERE repo = ? ORDER BY tag")) {
            p.setString(1, repo);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                tags.add(r.getString(1));
              }
            }
          }
          return tags;
        });
  }

  /** {@code repo}'s images with their tags, oldest first. */
  List<StoredImage> images(String repo) {
    return tables.transaction(c -> images(c, repo));
  }

  private static List<StoredImage> images(Connection c, String repo) throws SQLException {
    Map<String, List<String>> tagsOf = new LinkedHashMap<>();
    List<StoredImage> images = new ArrayList<>();
    try (PreparedStatement t =
            c.prepareStatement("SELECT tag, digest FROM tags WHERE repo = ? ORDER BY tag");
        PreparedStatement m =
            c.prepareStatement(
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
    }
    return images;
  }

  /**
   * Deletes a manifest and every tag pointing at it, then unlinks the blobs no manifest of {@code
   * repo} names that no push has seen since {@code unseenSince}; false when there was none.
   */
  boolean deleteManifest(String repo, Digest digest, Instant unseenSince) {
    return tables.transaction(c -> deleteManifest(c, repo, digest, unseenSince));
  }

  /**
   * Deletes a manifest with its tags, and unlinks from {@code repo} the blobs (config and layers)
   * no manifest left in {@code repo} names, as ECR lets go of an image's layers; but not those a
   * push has uploaded, mounted or checked since {@code unseenSince}: that push's manifest, put in a
   * moment, names them.
   */
  private static boolean deleteManifest(
      Connection c, String repo, Digest digest, Instant unseenSince) throws SQLException {
    update(c, "DELETE FROM tags WHERE repo = ? AND digest = ?", repo, digest.toString());
    if (update(c, "DELETE FROM manifests WHERE repo = ? AND digest = ?", repo, digest.toString())
        == 0) {
      return false;
    }
    unlinkUnnamed(c, repo, unseenSince);
    return true;
  }

  /**
   * Unlinks, in every repository holding a push's mark older than {@code unseenSince}, the blobs no
   * manifest names that no push has seen since then (an image deleted while a push was about to
   * name them, an upload no manifest followed); how many. A link with no mark (0) is named by a
   * manifest, or was when it last mattered: repositories holding only those are not read.
   */
  int unlinkUnnamed(Instant unseenSince) {
    return tables.transaction(
        c -> {
          List<String> repos = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT DISTINCT repo FROM blob_links WHERE seen > 0 AND seen < ?")) {
            p.setLong(1, unseenSince.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                repos.add(r.getString(1));
              }
            }
          }
          int unlinked = 0;
          for (String repo : repos) {
            unlinked += unlinkUnnamed(c, repo, unseenSince);
          }
          return unlinked;
        });
  }

  /**
   * Unlinks {@code repo}'s unnamed blobs whose mark is older than {@code unseenSince}, then clears
   * the stale marks left (those blobs are named: a manifest keeps them, no push's mark needs to).
   */
  private static int unlinkUnnamed(Connection c, String repo, Instant unseenSince)
      throws SQLException {
    Set<String> unnamed = linkedIn(c, repo);
    unnamed.removeAll(blobsOf(c, repo));
    int unlinked = 0;
    for (String blob : unnamed) {
      unlinked +=
          update(
              c,
              "DELETE FROM blob_links WHERE repo = ? AND digest = ? AND seen < ?",
              repo,
              blob,
              unseenSince.toEpochMilli());
    }
    update(
        c,
        "UPDATE blob_links SET seen = 0 WHERE repo = ? AND seen > 0 AND seen < ?",
        repo,
        unseenSince.toEpochMilli());
    return unlinked;
  }

  /**
   * The blobs (config and layers, as {@code sha256:...}) the image manifests of {@code repo} name.
   * A manifest that cannot be read as one names every blob {@code repo} links: nothing is let go on
   * its account.
   */
  private static Set<String> blobsOf(Connection c, String repo) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT body, media_type FROM manifests WHERE repo = ?")) {
      p.setString(1, repo);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Manifest m;
          try {
            m = ManifestParser.parse(r.getBytes(1), r.getString(2));
          } catch (RuntimeException e) {
            return linkedIn(c, repo); // unreadable: keeps everything
          }
          if (m.kind() == Manifest.Kind.IMAGE) {
            if (m.config() != null) {
              out.add(m.config().digest().toString());
            }
            m.blobs().forEach(b -> out.add(b.digest().toString()));
          }
        }
      }
    }
    return out;
  }

  /** The blobs (as {@code sha256:...}) {@code repo} links. */
  private static Set<String> linkedIn(Connection c, String repo) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT digest FROM blob_links WHERE repo = ?")) {
      p.setString(1, repo);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Removes {@code tag}, and the manifest it named when no other tag names it any more, in one
   * transaction; false when there was no such tag.
   */
  boolean deleteTag(String repo, String tag, Instant unseenSince) {
    return tables.transaction(
        c -> {
          Optional<Digest> digest;
          try (PreparedStatement p =
              c.prepareStatement("SELECT digest FROM tags WHERE repo = ? AND tag = ?")) {
            p.setString(1, repo);
            p.setString(2, tag);
            try (ResultSet r = p.executeQuery()) {
              digest = r.next() ? Optional.of(Digest.parse(r.getString(1))) : Optional.empty();
            }
          }
          if (digest.isEmpty()
              || update(c, "DELETE FROM tags WHERE repo = ? AND tag = ?", repo, tag) == 0) {
            return false;
          }
          boolean stillTagged =
              images(c, repo).stream()
                  .anyMatch(i -> i.digest().equals(digest.get()) && !i.tags().isEmpty());
          if (!stillTagged) {
            deleteManifest(c, repo, digest.get(), unseenSince);
          }
          return true;
        });
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
    }
  }

  @Override
  public void close() {
    tables.close();
  }
}
