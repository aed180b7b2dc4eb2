package dev.outlet.registry;

import java.time.Instant;
import java.util.List;

/**
 * An image (a manifest) of a repository as stored.
 *
 * @param repository its repository
 * @param digest the manifest's digest
 * @param mediaType the manifest's media type
 * @param layersSize the sum of its layers' sizes
 * @param artifactType its config's media type, or null
 * @param pushedAt when it was first pushed
 * @param tags its tags, sorted
 */
public record StoredImage(
    String repository,
    Digest digest,
    String mediaType,
    long layersSize,
    String artifactType,
    Instant pushedAt,
    List<String> tags) {
  public StoredImage {
    tags = List.copyOf(tags);
  }
}
