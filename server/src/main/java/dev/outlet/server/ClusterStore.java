package dev.outlet.server;

import dev.outlet.postgres.PostgresUrl;
import java.nio.file.Path;

/**
 * A cluster's shared state: the PostgreSQL database its nodes share ({@code --store}), and the
 * folder they share for packages ({@code --blob-dir}), or null to keep packages in the database.
 */
public record ClusterStore(PostgresUrl url, Path blobDir) {
  public ClusterStore {
    java.util.Objects.requireNonNull(url, "url");
    blobDir = blobDir == null ? null : blobDir.toAbsolutePath().normalize();
  }
}
