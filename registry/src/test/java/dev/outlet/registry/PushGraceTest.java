package dev.outlet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image deleted while a push is about to name its layers (a real registry: its SQLite store and
 * blob files in a temporary folder, a clock the test moves): what a push has uploaded, mounted or
 * checked within the push's grace stays linked until a manifest names it, so its manifest is
 * accepted; past the grace the registry's collection lets go of what no image names.
 */
class PushGraceTest {
  private static final Duration GRACE = Duration.ofHours(1);
  @TempDir Path dir;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
  private Registry registry;

  @BeforeEach
  void open() throws IOException {
    registry = open(dir.resolve("registry"));
  }

  private Registry open(Path at) throws IOException {
    Registry r = Registry.open(at, "000000000000", now::get, GRACE);
    if (r.repository("fn").isEmpty()) {
      r.create(new Repository("fn", "us-east-1", now.get(), false, false, null));
    }
    return r;
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aLayerAPushCheckedIsKeptForItsManifestWhenTheImageNamingItIsDeleted() throws IOException {
    byte[] layer = Pushes.tarGz("bootstrap", "#!/bin/sh\necho shared\n");
    byte[] configOne = Pushes.config("/bootstrap");
    byte[] configTwo = Pushes.config("/bootstrap2");
    Pushes.upload(registry, "fn", layer);
    Pushes.upload(registry, "fn", configOne);
    Digest one = Pushes.manifest(registry, "fn", "one", configOne, layer);
    later(Duration.ofHours(2));
    // a second push checks the layer (HEAD: there, so not uploaded again), uploads its config...
    assertThat(registry.checked("fn", Digest.sha256(layer))).hasValue(layer.length);
    Pushes.upload(registry, "fn", configTwo);
    // ...while the first image, the only one naming the layer, is deleted
    assertThat(registry.deleteImage("fn", one)).isTrue();
    later(Duration.ofMinutes(5));
    Digest two = Pushes.manifest(registry, "fn", "two", configTwo, layer);
    assertThat(registry.images("fn")).extracting(StoredImage::digest).containsExactly(two);
    assertThat(Files.exists(registry.blobFile(Digest.sha256(layer)))).isTrue();
    // the first image's config, which no push wants, went with it
    assertThat(registry.blob("fn", Digest.sha256(configOne))).isEmpty();
    assertThat(Files.exists(registry.blobFile(Digest.sha256(configOne)))).isFalse();
  }

  @Test
  void pastTheGraceALayerNoPushWantsGoesWithItsImage() throws IOException {
    byte[] layer = Pushes.tarGz("bootstrap", "#!/bin/sh\necho alone\n");
    byte[] config = Pushes.config("/bootstrap");
    Pushes.upload(registry, "fn", layer);
    Pushes.upload(registry, "fn", config);
    Digest image = Pushes.manifest(registry, "fn", "v1", config, layer);
    later(GRACE.plusSeconds(1));
    registry.deleteImage("fn", image);
    assertThat(registry.blob("fn", Digest.sha256(layer))).isEmpty();
    assertThat(Files.exists(registry.blobFile(Digest.sha256(layer)))).isFalse();
    assertThatThrownBy(() -> Pushes.manifest(registry, "fn", "v1", config, layer))
        .isInstanceOf(RegistryError.class)
        .satisfies(
            e ->
                assertThat(((RegistryError) e).code())
                    .isEqualTo(RegistryError.Code.MANIFEST_BLOB_UNKNOWN));
  }

  @Test
  void anImageDeletedRightAfterItsPushAndAPullTakesItsLayersAtOnce() throws IOException {
    byte[] layer = Pushes.tarGz("bootstrap", "#!/bin/sh\necho soon\n");
    byte[] config = Pushes.config("/bootstrap");
    Pushes.upload(registry, "fn", layer);
    Pushes.upload(registry, "fn", config);
    Digest image = Pushes.manifest(registry, "fn", "v1", config, layer);
    assertThat(registry.blob("fn", Digest.sha256(layer))).hasValue(layer.length); // a pull: no mark
    registry.deleteImage("fn", image); // its own push named them: no push wants them now
    assertThat(registry.blob("fn", Digest.sha256(layer))).isEmpty();
    assertThat(Files.exists(registry.blobFile(Digest.sha256(config)))).isFalse();
  }

  @Test
  void theCollectionLetsGoOfUploadsNoManifestFollowedPastTheGraceAndKeepsWhatImagesName()
      throws IOException {
    byte[] kept = Pushes.tarGz("bootstrap", "#!/bin/sh\necho kept\n");
    byte[] config = Pushes.config("/bootstrap");
    byte[] abandoned = Pushes.tarGz("bootstrap", "#!/bin/sh\necho abandoned\n");
    Pushes.upload(registry, "fn", kept);
    Pushes.upload(registry, "fn", config);
    Pushes.manifest(registry, "fn", "v1", config, kept);
    Pushes.upload(registry, "fn", abandoned);
    later(GRACE.minusSeconds(1));
    assertThat(registry.collect()).isZero(); // a push may still name it
    later(Duration.ofDays(3));
    assertThat(registry.collect()).isEqualTo(1);
    assertThat(registry.blob("fn", Digest.sha256(abandoned))).isEmpty();
    assertThat(registry.blob("fn", Digest.sha256(kept))).hasValue(kept.length);
    assertThat(registry.blob("fn", Digest.sha256(config))).hasValue(config.length);
    assertThat(Files.exists(registry.blobFile(Digest.sha256(kept)))).isTrue();
  }

  @Test
  void aRegistryFileFromBeforeTheGraceOpensAndItsUnnamedLinksAreNoPushs()
      throws IOException, SQLException {
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("registry.db"));
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE blob_links (repo TEXT NOT NULL, digest TEXT NOT NULL,"
              + " size INTEGER NOT NULL, PRIMARY KEY (repo, digest))");
      s.execute("INSERT INTO blob_links VALUES ('fn', 'sha256:" + "0".repeat(64) + "', 3)");
    }
    try (Registry reopened = open(old)) {
      assertThat(reopened.collect()).isZero(); // no file for it here
      assertThat(reopened.blob("fn", Digest.parse("sha256:" + "0".repeat(64)))).isEmpty();
      byte[] layer = Pushes.tarGz("bootstrap", "#!/bin/sh\necho new\n");
      Pushes.upload(reopened, "fn", layer);
      assertThat(reopened.blob("fn", Digest.sha256(layer))).hasValue(layer.length);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("registry.db"));
        Statement s = c.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM blob_links WHERE seen = 0")) {
      r.next();
      assertThat(r.getInt(1)).isZero(); // the old link was let go, the new one is seen
    }
  }

  private void later(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }
}
