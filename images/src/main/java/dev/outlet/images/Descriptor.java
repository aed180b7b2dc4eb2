package dev.outlet.images;

import java.util.Optional;

/**
 * A reference to a blob: its media type, digest and exact size, and for an index entry the platform
 * it is built for.
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {

  /** The platform of an index entry: {@code amd64}/{@code arm64} on {@code linux}. */
  public record Platform(String architecture, String os, Optional<String> variant) {
    @Override
    public String toString() {
      return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
  }
}
