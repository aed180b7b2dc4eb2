package dev.outlet.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sandbox runs for an image function: the root filesystem (bound read-only as {@code /}),
 * the command ({@code ENTRYPOINT} then {@code CMD}, each replaced by the function's ImageConfig
 * when set), the working directory, the image's environment (to go under the function's own) and
 * the image's {@code USER} (informational: sandboxes run as Outlet's sandbox user, as Lambda
 * ignores {@code USER} too).
 */
public record ImageLaunch(
    Path rootfs,
    List<String> command,
    String workingDirectory,
    Map<String, String> environment,
    Optional<String> user) {
  public ImageLaunch {
    command = List.copyOf(command);
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /**
   * The launch of {@code config}'s image at {@code rootfs} under {@code override}. Pure.
   *
   * <p>As Docker does, an image with a {@code CMD} and no {@code ENTRYPOINT} runs its {@code CMD}.
   *
   * @throws ImageException when there is nothing to run or the working directory is relative
   */
  public static ImageLaunch of(Path rootfs, ImageConfig config, ImageConfigOverride override) {
    List<String> entrypoint =
        override.entryPoint().isEmpty() ? config.entrypoint() : override.entryPoint();
    List<String> cmd = override.command().isEmpty() ? config.cmd() : override.command();
    List<String> command = new ArrayList<>(entrypoint);
    command.addAll(cmd);
    if (command.isEmpty() || command.getFirst().isEmpty()) {
      throw new ImageException(
          "the image has no ENTRYPOINT or CMD and the function's ImageConfig sets no EntryPoint or"
              + " Command: build the image with an ENTRYPOINT (AWS base images have"
              + " /lambda-entrypoint.sh) or set ImageConfig.EntryPoint, for example"
              + " [\"/bootstrap\"]");
    }
    String workdir =
        override.workingDirectory().or(config::workingDir).filter(w -> !w.isEmpty()).orElse("/");
    if (!workdir.startsWith("/")) {
      throw new ImageException(
          "the working directory " + Digest.quote(workdir) + " is not an absolute path");
    }
    return new ImageLaunch(rootfs, command, workdir, environment(config.env()), config.user());
  }

  /**
   * The image's {@code KEY=value} lines as a map, in order; a line without {@code =} is skipped.
   */
  public static Map<String, String> environment(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * The environment a sandbox gets before Lambda's reserved variables: the image's, with the
   * function's own over it.
   */
  public Map<String, String> environmentUnder(Map<String, String> function) {
    Map<String, String> out = new LinkedHashMap<>(environment);
    out.putAll(function);
    return out;
  }
}
