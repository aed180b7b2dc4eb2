package dev.outlet.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout written by a test: blobs by digest, configs, manifests, indexes, and the
 * {@code index.json} naming the top ones.
 */
final class TestImage {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  private final List<ObjectNode> top = new ArrayList<>();

  TestImage(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores {@code bytes} as a blob; returns its descriptor JSON. */
  ObjectNode blob(String mediaType, byte[] bytes) {
    Digest d = Digest.sha256(bytes);
    try {
      Files.write(dir.resolve("blobs/sha256/" + d.hex()), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", d.toString())
        .put("size", bytes.length);
  }

  static ObjectNode config(String architecture, List<String> entrypoint, List<String> cmd) {
    ObjectNode c = JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
    ObjectNode run = c.putObject("config");
    if (entrypoint != null) {
      entrypoint.forEach(run.putArray("Entrypoint")::add);
    }
    if (cmd != null) {
      cmd.forEach(run.putArray("Cmd")::add);
    }
    run.putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin").add("LANG=C.UTF-8");
    run.put("WorkingDir", "/var/task");
    c.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    return c;
  }

  /** A manifest of {@code config} and {@code layers} (each with a compression); its descriptor. */
  ObjectNode manifest(ObjectNode config, List<TestLayer> layers, TestLayer.Compression... comp) {
    ArrayNode diffIds = (ArrayNode) config.path("rootfs").path("diff_ids");
    ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    ArrayNode ls = m.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      TestLayer.Compression c =
          comp.length == 0 ? TestLayer.Compression.GZIP : comp[i % comp.length];
      diffIds.add(Digest.sha256(layers.get(i).tar()).toString());
      ls.add(blob(c.mediaType, layers.get(i).bytes(c)));
    }
    m.set("config", blob(MediaTypes.OCI_CONFIG, bytes(config)));
    return blob(MediaTypes.OCI_MANIFEST, bytes(m));
  }

  /** An index of {@code manifests}, each labelled with its architecture; its descriptor. */
  ObjectNode index(List<ObjectNode> manifests, List<String> architectures) {
    ObjectNode idx = JSON.createObjectNode().put("schemaVersion", 2);
    idx.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode list = idx.putArray("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      ObjectNode entry = manifests.get(i).deepCopy();
      entry.putObject("platform").put("architecture", architectures.get(i)).put("os", "linux");
      list.add(entry);
    }
    return blob(MediaTypes.OCI_INDEX, bytes(idx));
  }

  /** Lists {@code descriptor} in index.json and writes it. */
  TestImage top(ObjectNode descriptor) {
    top.add(descriptor);
    ObjectNode idx = JSON.createObjectNode().put("schemaVersion", 2);
    idx.put("mediaType", MediaTypes.OCI_INDEX);
    top.forEach(idx.putArray("manifests")::add);
    try {
      Files.write(dir.resolve("index.json"), bytes(idx));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-platform image of {@code layers} with {@code ENTRYPOINT ["/bootstrap"]}. */
  static TestImage simple(Path dir, List<TestLayer> layers, TestLayer.Compression... comp) {
    TestImage image = new TestImage(dir);
    return image.top(image.manifest(config("amd64", List.of("/bootstrap"), null), layers, comp));
  }
}
