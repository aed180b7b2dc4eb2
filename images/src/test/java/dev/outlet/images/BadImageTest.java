package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Architecture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Bad input": each refused with a clear message, leaving nothing behind. */
class BadImageTest {
  @TempDir Path tmp;

  /** Unpacks {@code layers}, expecting a refusal; checks that nothing was left in the store. */
  AbstractThrowableAssert<?, ? extends Throwable> refused(long cap, List<TestLayer> layers) {
    TestImage image = TestImage.simple(tmp.resolve("oci"), layers);
    return refused(image, cap);
  }

  AbstractThrowableAssert<?, ? extends Throwable> refused(TestImage image, long cap) {
    Path store = tmp.resolve("store");
    var thrown =
        assertThatThrownBy(
                () -> {
                  try (ImageArchive archive = ImageArchive.open(image.dir)) {
                    RootfsStore.create(store, cap)
                        .unpack(ImageReader.read(archive, Architecture.X86_64), archive);
                  }
                })
            .isInstanceOf(ImageException.class);
    assertThat(everythingUnder(store)).allMatch(p -> p.endsWith(".partial") || p.equals(store));
    assertThat(everythingUnder(tmp)).noneMatch(p -> p.getFileName().toString().equals("owned"));
    return thrown;
  }

  static List<Path> everythingUnder(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aLayerThatIsNotGzipZstdOrTarIsRefused() {
    TestImage image = new TestImage(tmp.resolve("oci"));
    ObjectNode config = TestImage.config("amd64", List.of("/x"), null);
    ObjectNode m = TestImage.JSON.createObjectNode().put("schemaVersion", 2);
    m.putArray("layers")
        .add(
            image.blob(
                TestLayer.Compression.GZIP.mediaType,
                "this is a text file, not a layer\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
    m.set("config", image.blob(MediaTypes.OCI_CONFIG, TestImage.bytes(config)));
    image.top(image.blob(MediaTypes.OCI_MANIFEST, TestImage.bytes(m)));
    refused(image, 1 << 20)
        .hasMessageMatching(
            "the layer 1 of 1 \\(sha256:[0-9a-f]{64}\\) is not a gzip, zstd or tar stream");
  }

  @Test
  void anEntryClimbingOutOfTheRootIsRefused() {
    refused(1 << 20, List.of(TestLayer.of().file("../etc/passwd", "owned", 0644)))
        .hasMessageContaining("layer 1 of 1")
        .hasMessageContaining("the entry \"../etc/passwd\" leaves the root");
  }

  @Test
  void anAbsoluteEntryIsRefused() {
    refused(1 << 20, List.of(TestLayer.of().file("/etc/owned", "owned", 0644)))
        .hasMessageContaining("the entry \"/etc/owned\" leaves the root");
  }

  @Test
  void aFileWrittenThroughAnEarlierLayersAbsoluteSymlinkIsRefused() {
    Path outside = tmp.resolve("outside");
    refused(
            1 << 20,
            List.of(
                TestLayer.of().symlink("etc", outside.toString()),
                TestLayer.of().file("etc/owned", "owned", 0644)))
        .hasMessageContaining("layer 2 of 2")
        .hasMessageContaining(
            "the entry \"etc/owned\" would be written through the symbolic link \"etc\"");
    assertThat(outside).doesNotExist();
  }

  @Test
  void aFileWrittenThroughARelativeSymlinkClimbingOutIsRefused() {
    refused(
            1 << 20,
            List.of(
                TestLayer.of().symlink("up", "../../.."),
                TestLayer.of().dir("up/x", 0755).file("up/x/owned", "owned", 0644)))
        .hasMessageContaining("through the symbolic link \"up\"");
  }

  @Test
  void aWhiteoutThroughASymlinkDeletesNothingOutside() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "keep");
    refused(
            1 << 20,
            List.of(
                TestLayer.of().symlink("lnk", outside.toString()),
                TestLayer.of().file("lnk/.wh.keep", "", 0644)))
        .hasMessageContaining("through the symbolic link \"lnk\"");
    assertThat(outside.resolve("keep")).hasContent("keep");
  }

  @Test
  void hardLinksToAbsoluteOrEscapingPathsAreRefused() {
    refused(1 << 20, List.of(TestLayer.of().hardlink("shadow", "/etc/shadow")))
        .hasMessageContaining(
            "the entry \"shadow\" is a hard link to \"/etc/shadow\", outside the root");
    refused(1 << 20, List.of(TestLayer.of().hardlink("x", "../x")))
        .hasMessageContaining("the entry \"x\" is a hard link to \"../x\", outside the root");
  }

  @Test
  void aHardLinkThroughASymlinkIsRefused() {
    refused(
            1 << 20,
            List.of(TestLayer.of().symlink("etc", "/etc").hardlink("shadow", "etc/shadow")))
        .hasMessageContaining("through the symbolic link \"etc\"");
  }

  @Test
  void aLayerBombStopsAtTheCapAndLeavesNothing() {
    refused(1 << 20, List.of(TestLayer.of().zeros("bomb", 64L << 20)))
        .hasMessage("the image unpacks to more than 1048576 bytes, the most Outlet accepts");
  }

  @Test
  void theCapCountsEveryLayer() {
    refused(
            1 << 20,
            List.of(TestLayer.of().zeros("a", 600 << 10), TestLayer.of().zeros("b", 600 << 10)))
        .hasMessageContaining("more than 1048576 bytes");
  }

  @Test
  void aManifestWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
    TestImage image = TestImage.simple(tmp.resolve("oci"), List.of(TestLayer.of()));
    Digest manifest = ImageReaderTest.manifestDigest(image);
    Path blob = image.dir.resolve("blobs/sha256/" + manifest.hex());
    Files.writeString(
        blob, Files.readString(blob).replace("\"schemaVersion\":2", "\"schemaVersion\":3"));
    refused(image, 1 << 20)
        .hasMessageStartingWith(
            "the manifest " + manifest + " does not match its digest " + manifest)
        .hasMessageContaining("its bytes hash to sha256:");
  }

  @Test
  void aLayerWhoseBytesDoNotMatchItsDigestLeavesNothing() throws Exception {
    TestImage image =
        TestImage.simple(
            tmp.resolve("oci"),
            List.of(TestLayer.of().file("a", "a", 0644)),
            TestLayer.Compression.NONE);
    try (Stream<Path> blobs = Files.list(image.dir.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        byte[] b = Files.readAllBytes(blob);
        if (b.length > 1000) { // the tar: change a byte of its end, past what the tar reader reads
          b[b.length - 1] = 1;
          Files.write(blob, b);
        }
      }
    }
    refused(image, 1 << 20).hasMessageContaining("does not match its digest");
  }

  @Test
  void aLayerLongerThanItsDescriptorIsRefused() throws Exception {
    TestImage image =
        TestImage.simple(tmp.resolve("oci"), List.of(TestLayer.of().file("a", "a", 0644)));
    try (Stream<Path> blobs = Files.list(image.dir.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        byte[] b = Files.readAllBytes(blob);
        if ((b[0] & 0xff) == 0x1f) {
          Files.write(blob, java.util.Arrays.copyOf(b, b.length + 4096));
        }
      }
    }
    refused(image, 1 << 20).hasMessageContaining("larger than the");
  }
}
