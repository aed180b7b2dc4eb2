package dev.outlet.images;

import java.util.List;

/** An OCI image manifest or a Docker schema 2 manifest: the config and the layers, base first. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
  public ImageManifest {
    layers = List.copyOf(layers);
  }
}
