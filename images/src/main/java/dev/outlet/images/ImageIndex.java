package dev.outlet.images;

import java.util.List;

/** An OCI image index or a Docker manifest list: one manifest per platform. */
public record ImageIndex(List<Descriptor> manifests) {
  public ImageIndex {
    manifests = List.copyOf(manifests);
  }
}
