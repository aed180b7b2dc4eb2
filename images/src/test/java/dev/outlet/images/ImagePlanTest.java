package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePlanTest {
  @TempDir Path tmp;

  private Path rootfs() throws Exception {
    Path r = Files.createDirectories(tmp.resolve("sha256-abc123/rootfs"));
    Files.createDirectories(r.resolve("usr/bin"));
    Files.createDirectories(r.resolve("var/lang/bin"));
    Files.writeString(r.resolve("usr/bin/python3.12"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(r.resolve("usr/bin/python3.12"), Modes.permissions(0755));
    Files.createSymbolicLink(r.resolve("usr/bin/python"), Path.of("python3.12"));
    Files.createSymbolicLink(r.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(r.resolve("entry"), Path.of("/bin/../bin/python"));
    Files.createSymbolicLink(r.resolve("escape"), Path.of("../../../../../etc/passwd"));
    Files.createSymbolicLink(r.resolve("loop"), Path.of("loop"));
    Files.write(r.resolve("bootstrap"), new byte[] {0x7f, 'E', 'L', 'F'});
    return r;
  }

  private static ImageLaunch launch(Path rootfs, List<String> command, Map<String, String> env) {
    return new ImageLaunch(rootfs, command, "/var/task", env, Optional.empty());
  }

  @Test
  void anAbsoluteEntrypointIsResolvedThroughLinksInsideTheImage() throws Exception {
    Path r = rootfs();
    LaunchPlan plan =
        ImagePlan.of(
            launch(r, List.of("/entry", "app.handler"), Map.of("A", "1")), Architecture.host());
    assertThat(plan.unavailable()).isNull();
    assertThat(plan.executable()).isEqualTo(r.resolve("usr/bin/python3.12"));
    assertThat(plan.command()).containsExactly("/entry", "app.handler");
    assertThat(plan.image()).isTrue();
    assertThat(plan.rootfs()).isEqualTo(r);
    assertThat(plan.workingDirectory()).isEqualTo("/var/task");
    assertThat(plan.environment()).containsEntry("A", "1");
    assertThat(plan.runtimeFiles()).isNull();
    assertThat(plan.hostMounts()).isEmpty();
    assertThat(plan.emulate()).isNull(); // a script
    assertThat(plan.cache()).isNull();
  }

  @Test
  void aBareNameIsLookedUpOnTheImagesPathOrDockersDefault() throws Exception {
    Path r = rootfs();
    assertThat(
            ImagePlan.of(launch(r, List.of("python"), Map.of()), Architecture.host()).executable())
        .isEqualTo(r.resolve("usr/bin/python3.12"));
    LaunchPlan none =
        ImagePlan.of(
            launch(r, List.of("python"), Map.of("PATH", "/var/lang/bin")), Architecture.host());
    assertThat(none.unavailable())
        .isEqualTo(
            "the image's entrypoint python is not in any folder of the image's PATH"
                + " (/var/lang/bin) (sha256:abc123): set ImageConfig.EntryPoint to a program the"
                + " image has, or rebuild the image with it");
  }

  @Test
  void aMissingEntrypointIsNamedWithTheImageAndTheFix() throws Exception {
    Path r = rootfs();
    LaunchPlan plan = ImagePlan.of(launch(r, List.of("/nothing"), Map.of()), Architecture.host());
    assertThat(plan.unavailable())
        .isEqualTo(
            "the image's entrypoint /nothing does not exist in the image (sha256:abc123): set"
                + " ImageConfig.EntryPoint to a program the image has, or rebuild the image with"
                + " it");
  }

  @Test
  void linksNeverLeaveTheImageNorLoop() throws Exception {
    Path r = rootfs();
    Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(tmp.resolve("etc/passwd"), "host");
    assertThat(
            ImagePlan.of(launch(r, List.of("/escape"), Map.of()), Architecture.host())
                .unavailable())
        .contains("/escape does not exist");
    assertThat(
            ImagePlan.of(launch(r, List.of("/loop"), Map.of()), Architecture.host()).unavailable())
        .contains("/loop does not exist");
    assertThat(InsideRoot.resolve(r, "/../../bin/python"))
        .isEqualTo(r.resolve("usr/bin/python3.12"));
  }

  @Test
  void anElfOfTheOtherArchitectureRunsEmulated() throws Exception {
    Path r = rootfs();
    byte[] elf = new byte[64];
    elf[0] = 0x7f;
    elf[1] = 'E';
    elf[2] = 'L';
    elf[3] = 'F';
    Architecture other =
        Architecture.host() == Architecture.X86_64 ? Architecture.ARM64 : Architecture.X86_64;
    elf[18] = (byte) (other == Architecture.ARM64 ? 183 : 62);
    Files.write(r.resolve("bootstrap"), elf);
    assertThat(ImagePlan.of(launch(r, List.of("/bootstrap"), Map.of()), other).emulate())
        .isEqualTo(other);
    elf[18] = (byte) (other == Architecture.ARM64 ? 62 : 183);
    Files.write(r.resolve("bootstrap"), elf);
    assertThat(
            ImagePlan.of(launch(r, List.of("/bootstrap"), Map.of()), Architecture.host()).emulate())
        .isNull();
  }
}
