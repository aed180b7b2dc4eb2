package dev.outlet.server;

import dev.outlet.postgres.PostgresUrl;
import java.nio.file.Path;

/**
 * A cluster's shared state: the PostgreSQL database its nodes share ({@code --store}), and the
 * folder they share for packages ({@code --blob-dir}), or null to keep packages in the database;
 * the port this node's peers forward invocations to ({@code --peer-port}, 0: any free port) and the
 * host they reach it by ({@code --advertise}, null: the address it listens on); how long a shared
 * blob nothing uses is kept after its last put ({@code --unused-blob-grace}).
 */
public record ClusterStore(
    PostgresUrl url,
    Path blobDir,
    int peerPort,
    String advertise,
    java.time.Duration unusedBlobGrace) {
  /** The peer port of a node whose API listens on the default port. */
  public static final int DEFAULT_PEER_PORT = 9071;

  /** How long an unused shared blob is kept after its last put, unless said otherwise. */
  public static final java.time.Duration DEFAULT_UNUSED_BLOB_GRACE = java.time.Duration.ofHours(1);

  public ClusterStore {
    java.util.Objects.requireNonNull(url, "url");
    blobDir = blobDir == null ? null : blobDir.toAbsolutePath().normalize();
    unusedBlobGrace = unusedBlobGrace == null ? DEFAULT_UNUSED_BLOB_GRACE : unusedBlobGrace;
  }

  public ClusterStore(PostgresUrl url, Path blobDir, int peerPort, String advertise) {
    this(url, blobDir, peerPort, advertise, DEFAULT_UNUSED_BLOB_GRACE);
  }

  /** A cluster whose nodes' peer ports are any free port, reached at the address they listen on. */
  public ClusterStore(PostgresUrl url, Path blobDir) {
    this(url, blobDir, 0, null);
  }
}
