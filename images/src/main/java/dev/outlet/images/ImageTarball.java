package dev.outlet.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image tarball, read in place (nothing is copied out): an {@code oci-archive} or a {@code
 * docker save} from Docker 25 on (an OCI layout inside a tar), or an older {@code docker save}
 * ({@code manifest.json}, {@code <id>.json}, {@code <id>/layer.tar}). For the older form the
 * manifest is made here, Docker schema 2, each layer named by its {@code diff_id} (the digest of
 * its uncompressed tar, which is what that form stores), so its layers are verified like any other.
 */
final class ImageTarball implements ImageArchive {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries;
  private final Map<Digest, byte[]> made;
  private final Map<Digest, String> paths;
  private final ImageIndex index;

  private ImageTarball(
      TarFile tar,
      Map<String, TarArchiveEntry> entries,
      Map<Digest, byte[]> made,
      Map<Digest, String> paths,
      ImageIndex index) {
    this.tar = tar;
    this.entries = entries;
    this.made = made;
    this.paths = paths;
    this.index = index;
  }

  static ImageTarball open(Path file) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(file);
    } catch (IOException | RuntimeException e) {
      throw new ImageException("the image tarball is not a tar archive");
    }
    try {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      for (TarArchiveEntry entry : tar.getEntries()) {
        if (entry.isFile()) {
          entries.put(normalize(entry.getName()), entry);
        }
      }
      Map<Digest, byte[]> made = new HashMap<>();
      Map<Digest, String> paths = new HashMap<>();
      ImageIndex index;
      if (entries.containsKey("index.json") && entries.containsKey("oci-layout")) {
        OciLayout.checkVersion(bytes(tar, entries.get("oci-layout")));
        index = ImageJson.index(bytes(tar, entries.get("index.json")));
      } else if (entries.containsKey("manifest.json")) {
        index = legacy(tar, entries, made, paths);
      } else {
        throw new ImageException(
            "the tarball is neither an OCI archive (index.json, oci-layout) nor a docker save"
                + " (manifest.json)");
      }
      return new ImageTarball(tar, entries, made, paths, index);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e instanceof ImageException ie ? ie : new ImageException("the tarball is damaged", e);
    }
  }

  private static ImageIndex legacy(
      TarFile tar,
      Map<String, TarArchiveEntry> entries,
      Map<Digest, byte[]> made,
      Map<Digest, String> paths)
      throws IOException {
    JsonNode list = MAPPER.readTree(bytes(tar, entries.get("manifest.json")));
    if (list == null || !list.isArray() || list.size() != 1) {
      throw new ImageException(
          "the docker save tarball's manifest.json must list exactly one image");
    }
    JsonNode image = list.get(0);
    String configPath = normalize(image.path("Config").asText(""));
    JsonNode layers = image.get("Layers");
    if (!entries.containsKey(configPath) || layers == null || !layers.isArray()) {
      throw new ImageException("the docker save tarball's manifest.json has no Config or Layers");
    }
    byte[] config = bytes(tar, entries.get(configPath));
    Digest configDigest = Digest.sha256(config);
    made.put(configDigest, config);
    List<Digest> diffIds = ImageJson.diffIds(config);
    if (diffIds.size() != layers.size()) {
      throw new ImageException(
          "the docker save tarball lists "
              + layers.size()
              + " layers but its config has "
              + diffIds.size()
              + " diff ids");
    }
    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST);
    manifest
        .putObject("config")
        .put("mediaType", MediaTypes.DOCKER_CONFIG)
        .put("digest", configDigest.toString())
        .put("size", config.length);
    ArrayNode out = manifest.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      String path = normalize(layers.get(i).asText(""));
      TarArchiveEntry entry = entries.get(path);
      if (entry == null) {
        throw new ImageException(
            "the docker save tarball has no layer " + Digest.quote(layers.get(i).asText("")));
      }
      paths.put(diffIds.get(i), path);
      out.addObject()
          .put("mediaType", MediaTypes.DOCKER_LAYER_TAR)
          .put("digest", diffIds.get(i).toString())
          .put("size", entry.getSize());
    }
    byte[] manifestBytes = MAPPER.writeValueAsBytes(manifest);
    Digest manifestDigest = Digest.sha256(manifestBytes);
    made.put(manifestDigest, manifestBytes);
    return new ImageIndex(
        List.of(
            new Descriptor(
                MediaTypes.DOCKER_MANIFEST,
                manifestDigest,
                manifestBytes.length,
                Optional.empty())));
  }

  @Override
  public ImageIndex index() {
    return index;
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    byte[] bytes = made.get(digest);
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    String path = paths.getOrDefault(digest, "blobs/" + digest.algorithm() + "/" + digest.hex());
    TarArchiveEntry entry = entries.get(path);
    if (entry == null) {
      throw new ImageException("the tarball has no blob " + digest);
    }
    return tar.getInputStream(entry);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  private static byte[] bytes(TarFile tar, TarArchiveEntry entry) throws IOException {
    if (entry.getSize() > Blobs.MAX_JSON) {
      throw new ImageException(
          "the tarball's " + Digest.quote(entry.getName()) + " is larger than " + Blobs.MAX_JSON);
    }
    try (InputStream in = tar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }
}
