package dev.outlet.images;

import java.util.List;
import java.util.Optional;

/**
 * A function's {@code ImageConfig} (AWS's member names): each set member replaces the image's own
 * {@code ENTRYPOINT}, {@code CMD} or {@code WORKDIR}. An empty list counts as not set.
 */
public record ImageConfigOverride(
    List<String> entryPoint, List<String> command, Optional<String> workingDirectory) {
  /** No ImageConfig: the image's config decides. */
  public static final ImageConfigOverride NONE =
      new ImageConfigOverride(List.of(), List.of(), Optional.empty());

  public ImageConfigOverride {
    entryPoint = List.copyOf(entryPoint);
    command = List.copyOf(command);
  }
}
