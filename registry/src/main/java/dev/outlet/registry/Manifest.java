package dev.outlet.registry;

import java.util.List;

/**
 * A manifest as the registry understands it: its media type and what it references.
 *
 * @param mediaType the media type it is stored and served with
 * @param kind an image (config and layers) or an index (other manifests)
 * @param config the image's config blob, null for an index
 * @param blobs the layers of an image (foreign layers, which carry {@code urls}, left out: clients
 *     fetch them elsewhere), or the manifests of an index
 * @param artifactType the config's media type (ECR's {@code artifactMediaType}), or null
 */
public record Manifest(
    String mediaType, Kind kind, Descriptor config, List<Descriptor> blobs, String artifactType) {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** What a manifest is. */
  public enum Kind {
    IMAGE,
    INDEX
  }

  /**
   * A reference to a blob or manifest.
   *
   * @param digest what it references
   * @param size its size in bytes as the manifest declares it
   * @param mediaType its media type, or null
   */
  public record Descriptor(Digest digest, long size, String mediaType) {}

  public Manifest {
    blobs = List.copyOf(blobs);
  }

  /** The sum of the layers' declared sizes (ECR's {@code imageSizeInBytes}); 0 for an index. */
  public long layersSize() {
    return kind == Kind.INDEX ? 0 : blobs.stream().mapToLong(Descriptor::size).sum();
  }
}
