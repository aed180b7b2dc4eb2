package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Architecture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarballTest {
  @TempDir Path tmp;

  static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  @Test
  void anOlderDockerSaveTarballIsReadAndItsLayersVerifiedByDiffId() throws Exception {
    List<TestLayer> layers = RootfsStoreTest.threeLayers();
    ObjectNode config = TestImage.config("amd64", List.of("/bootstrap"), null);
    ArrayNode diffIds = (ArrayNode) config.path("rootfs").path("diff_ids");
    Path file = tmp.resolve("image.tar");
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      ObjectNode manifest = TestImage.JSON.createObjectNode();
      ArrayNode paths = manifest.putArray("Layers");
      for (int i = 0; i < layers.size(); i++) {
        byte[] layer = layers.get(i).tar();
        diffIds.add(Digest.sha256(layer).toString());
        put(tar, "layer" + i + "/layer.tar", layer);
        paths.add("layer" + i + "/layer.tar");
      }
      byte[] configBytes = TestImage.bytes(config);
      String configName = Digest.sha256(configBytes).hex() + ".json";
      put(tar, configName, configBytes);
      manifest.put("Config", configName).putArray("RepoTags").add("fn:latest");
      put(tar, "manifest.json", TestImage.bytes(List.of(manifest)));
    }
    try (ImageArchive archive = ImageArchive.open(file)) {
      Image image = ImageReader.read(archive, Architecture.X86_64);
      assertThat(image.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      Path rootfs = RootfsStore.create(tmp.resolve("store")).unpack(image, archive);
      assertThat(rootfs.resolve("usr/bin/tool")).hasContent("#!/bin/sh\necho v3");
      assertThat(rootfs.resolve("usr/bin/old")).doesNotExist();
    }
  }

  @Test
  void anOciArchiveIsReadInPlace() throws Exception {
    TestImage image =
        TestImage.simple(
            tmp.resolve("oci"), RootfsStoreTest.threeLayers(), TestLayer.Compression.ZSTD);
    Path file = tmp.resolve("image.oci.tar");
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        Stream<Path> all = Files.walk(image.dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        put(tar, "./" + image.dir.relativize(p), Files.readAllBytes(p));
      }
    }
    try (ImageArchive archive = ImageArchive.open(file)) {
      Image read = ImageReader.read(archive, Architecture.X86_64);
      assertThat(read.manifestDigest()).isEqualTo(ImageReaderTest.manifestDigest(image));
      Path rootfs = RootfsStore.create(tmp.resolve("store")).unpack(read, archive);
      assertThat(rootfs.resolve("var/cache/new")).hasContent("new");
    }
  }
}
