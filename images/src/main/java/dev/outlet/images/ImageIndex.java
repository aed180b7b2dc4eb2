package dev.outlet.images;

import java.util.List;
import java.util.Map;

/**
 * An OCI image index or a Docker manifest list: one manifest per platform.
 *
 * @param manifests the entries, in order
 * @param tags the entries an OCI layout names with {@code org.opencontainers.image.ref.name} (the
 *     tag {@code skopeo copy ... oci:dir:TAG} writes), first entry of each name
 */
public record ImageIndex(List<Descriptor> manifests, Map<String, Descriptor> tags) {
  /** The annotation naming an entry of a layout's {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  public ImageIndex {
    manifests = List.copyOf(manifests);
    tags = Map.copyOf(tags);
  }

  /** An index whose entries have no names. */
  public ImageIndex(List<Descriptor> manifests) {
    this(manifests, Map.of());
  }
}
