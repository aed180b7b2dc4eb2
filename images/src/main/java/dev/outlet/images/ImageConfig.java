package dev.outlet.images;

import java.util.List;
import java.util.Optional;

/**
 * What an image's config says about running it ({@code config} in the OCI and Docker JSON): lists
 * are empty when absent, and {@code env} holds the image's {@code KEY=value} lines in order.
 */
public record ImageConfig(
    String architecture,
    String os,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    Optional<String> workingDir,
    Optional<String> user) {
  public ImageConfig {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
  }
}
