package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageLaunchTest {
  static final Path ROOTFS = Path.of("/data/images/sha256-x/rootfs");

  static ImageConfig config(List<String> entrypoint, List<String> cmd, String workdir) {
    return new ImageConfig(
        "amd64",
        "linux",
        entrypoint,
        cmd,
        List.of("PATH=/var/lang/bin:/usr/bin", "LAMBDA_TASK_ROOT=/var/task", "EMPTY=", "JUNK"),
        Optional.ofNullable(workdir),
        Optional.empty());
  }

  @Test
  void anAwsBaseImageRunsItsEntrypointWithItsCmd() {
    ImageLaunch launch =
        ImageLaunch.of(
            ROOTFS,
            config(List.of("/lambda-entrypoint.sh"), List.of("app.handler"), "/var/task"),
            ImageConfigOverride.NONE);
    assertThat(launch.command()).containsExactly("/lambda-entrypoint.sh", "app.handler");
    assertThat(launch.workingDirectory()).isEqualTo("/var/task");
    assertThat(launch.rootfs()).isEqualTo(ROOTFS);
    assertThat(launch.environment())
        .containsExactly(
            Map.entry("PATH", "/var/lang/bin:/usr/bin"),
            Map.entry("LAMBDA_TASK_ROOT", "/var/task"),
            Map.entry("EMPTY", ""));
  }

  @Test
  void imageConfigOverridesEachMemberItSets() {
    ImageConfig base =
        config(List.of("/lambda-entrypoint.sh"), List.of("app.handler"), "/var/task");
    assertThat(
            ImageLaunch.of(
                    ROOTFS,
                    base,
                    new ImageConfigOverride(List.of(), List.of("other.handler"), Optional.empty()))
                .command())
        .containsExactly("/lambda-entrypoint.sh", "other.handler");
    ImageLaunch all =
        ImageLaunch.of(
            ROOTFS,
            base,
            new ImageConfigOverride(List.of("/bin/run", "-v"), List.of("x"), Optional.of("/app")));
    assertThat(all.command()).containsExactly("/bin/run", "-v", "x");
    assertThat(all.workingDirectory()).isEqualTo("/app");
  }

  @Test
  void aScratchImageRunsItsStaticBinaryFromTheRoot() {
    ImageLaunch launch =
        ImageLaunch.of(
            ROOTFS, config(List.of("/bootstrap"), List.of(), null), ImageConfigOverride.NONE);
    assertThat(launch.command()).containsExactly("/bootstrap");
    assertThat(launch.workingDirectory()).isEqualTo("/");
  }

  @Test
  void anImageWithOnlyACmdRunsItAsDockerDoes() {
    assertThat(
            ImageLaunch.of(
                    ROOTFS, config(List.of(), List.of("/main"), null), ImageConfigOverride.NONE)
                .command())
        .containsExactly("/main");
  }

  @Test
  void noEntrypointAndNoImageConfigIsRefused() {
    assertThatThrownBy(
            () ->
                ImageLaunch.of(
                    ROOTFS, config(List.of(), List.of(), null), ImageConfigOverride.NONE))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith(
            "the image has no ENTRYPOINT or CMD and the function's ImageConfig sets no EntryPoint");
  }

  @Test
  void theFunctionsEnvironmentGoesOverTheImages() {
    ImageLaunch launch =
        ImageLaunch.of(
            ROOTFS, config(List.of("/bootstrap"), List.of(), null), ImageConfigOverride.NONE);
    assertThat(launch.environmentUnder(Map.of("PATH", "/mine", "A", "1")))
        .containsEntry("PATH", "/mine")
        .containsEntry("A", "1")
        .containsEntry("LAMBDA_TASK_ROOT", "/var/task");
  }

  @Test
  void aRelativeWorkingDirectoryIsRefused() {
    assertThatThrownBy(
            () ->
                ImageLaunch.of(
                    ROOTFS,
                    config(List.of("/bootstrap"), List.of(), null),
                    new ImageConfigOverride(List.of(), List.of(), Optional.of("app"))))
        .hasMessage("the working directory \"app\" is not an absolute path");
  }
}
