package dev.outlet.images;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@link LaunchPlan} of an image function. Pure. */
public final class ImagePlan {
  private ImagePlan() {}

  /** How a sandbox starts {@code launch} for a function of {@code architecture}. */
  public static LaunchPlan of(ImageLaunch launch, Architecture architecture) {
    String program = launch.command().getFirst();
    Path executable =
        program.startsWith("/") ? launch.rootfs().resolve(program.substring(1)) : null;
    return new LaunchPlan(
        launch.command(),
        executable,
        null,
        null,
        launch.environment(),
        List.of(),
        null,
        List.of(),
        null,
        null,
        launch.rootfs(),
        launch.workingDirectory());
  }

  /** A plan whose sandboxes fail with {@code why}: the image cannot be run. */
  public static LaunchPlan unavailable(Path rootfs, String why) {
    return new LaunchPlan(
        List.of("/"),
        null,
        null,
        null,
        Map.of(),
        List.of(),
        null,
        List.of(),
        why,
        null,
        rootfs,
        null);
  }
}
