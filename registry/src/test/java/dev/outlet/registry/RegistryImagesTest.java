package dev.outlet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.Architecture;
import dev.outlet.core.ImageCode;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images resolved from a real registry (its SQLite store and blob files in a temporary folder):
 * tags resolved to digests, root filesystems unpacked once, kept while any region's functions use
 * them, removed after, and unpacked again from the registry when they are needed again.
 */
class RegistryImagesTest {
  private static final String HOST = "127.0.0.1:9001";
  @TempDir Path dir;
  private Registry registry;
  private RegistryImages images;

  @BeforeEach
  void open() throws IOException {
    registry = Registry.open(dir.resolve("registry"), "000000000000", InstantSource.system());
    registry.create(new Repository("fn", "us-east-1", Instant.now(), false, false, null));
    images =
        RegistryImages.open(
            registry, HOST, dir.resolve("images"), InstantSource.system(), Duration.ZERO);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aTagResolvesToItsDigestItsRootfsAndAPlanThatRunsItsEntrypoint() throws IOException {
    String digest = push("v1", "one");
    ImageResolver east = images.forRegion("us-east-1");
    ImageCode code = east.resolve(HOST + "/fn:v1", Architecture.X86_64);
    assertThat(code.digest()).isEqualTo(digest);
    assertThat(code.resolvedImageUri()).isEqualTo(HOST + "/fn@" + digest);
    assertThat(code.entrypoint()).containsExactly("/bootstrap");
    LaunchPlan plan = east.plan(code, Architecture.X86_64);
    assertThat(plan.unavailable()).isNull();
    assertThat(plan.command()).containsExactly("/bootstrap");
    assertThat(Files.readString(plan.rootfs().resolve("bootstrap"))).contains("one");
  }

  @Test
  void aRootfsStaysWhileAnyRegionUsesItAndIsUnpackedAgainWhenNeededAgain() throws IOException {
    push("v1", "one");
    ImageResolver east = images.forRegion("us-east-1");
    ImageResolver west = images.forRegion("eu-west-1");
    ImageCode code = east.resolve(HOST + "/fn:v1", Architecture.X86_64);
    west.resolve(HOST + "/fn:v1", Architecture.X86_64);
    Path rootfs = east.plan(code, Architecture.X86_64).rootfs();

    east.retain(Set.of());
    assertThat(rootfs).as("eu-west-1 still uses it").isDirectory();
    west.retain(Set.of(code.manifest()));
    assertThat(rootfs).isDirectory();
    west.retain(Set.of());
    assertThat(rootfs).as("no region uses it").doesNotExist();

    LaunchPlan again = east.plan(code, Architecture.X86_64);
    assertThat(again.unavailable()).isNull();
    assertThat(again.rootfs().resolve("bootstrap")).isRegularFile();
  }

  @Test
  void aRootfsUnpackedWithinTheGraceIsKeptForTheFunctionBeingCreated() throws IOException {
    RegistryImages patient =
        RegistryImages.open(
            registry, HOST, dir.resolve("images"), InstantSource.system(), Duration.ofHours(1));
    push("v1", "one");
    ImageResolver east = patient.forRegion("us-east-1");
    ImageCode code = east.resolve(HOST + "/fn:v1", Architecture.X86_64);
    east.retain(Set.of());
    assertThat(east.plan(code, Architecture.X86_64).rootfs()).isDirectory();
  }

  @Test
  void anImageDeletedFromTheRegistryLeavesAPlanThatSaysSo() throws IOException {
    String digest = push("v1", "one");
    ImageResolver east = images.forRegion("us-east-1");
    ImageCode code = east.resolve(HOST + "/fn:v1", Architecture.X86_64);
    east.retain(Set.of());
    registry.deleteImage("fn", Digest.parse(digest));
    LaunchPlan plan = east.plan(code, Architecture.X86_64);
    assertThat(plan.unavailable()).contains("was deleted from the repository fn");
    assertThatThrownBy(() -> east.resolve(HOST + "/fn:v1", Architecture.X86_64))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Source image " + HOST + "/fn:v1 is not valid.")
        .hasMessageContaining("the repository fn has no image v1 and no tags");
  }

  /** Pushes a one-layer image holding {@code /bootstrap} as {@code fn:tag}; its digest. */
  private String push(String tag, String content) throws IOException {
    byte[] layer = Pushes.tarGz("bootstrap", "#!/bin/sh\necho " + content + "\n");
    byte[] config = Pushes.config("/bootstrap");
    Pushes.upload(registry, "fn", layer);
    Pushes.upload(registry, "fn", config);
    return Pushes.manifest(registry, "fn", tag, config, layer).toString();
  }
}
