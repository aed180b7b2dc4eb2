package dev.outlet.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An OCI image layout directory: {@code oci-layout} (version 1.0.0), {@code index.json}, and {@code
 * blobs/<algorithm>/<hex>}. Stateless after opening; blobs are opened on demand.
 */
final class OciLayout implements ImageArchive {
  private final Path dir;
  private final ImageIndex index;

  private OciLayout(Path dir, ImageIndex index) {
    this.dir = dir;
    this.index = index;
  }

  static OciLayout open(Path dir) throws IOException {
    Path marker = dir.resolve("oci-layout");
    Path index = dir.resolve("index.json");
    if (!Files.isRegularFile(marker) || !Files.isRegularFile(index)) {
      throw new ImageException(
          "not an OCI image layout: the folder has no oci-layout and index.json files");
    }
    checkVersion(Files.readAllBytes(marker));
    if (Files.size(index) > Blobs.MAX_JSON) {
      throw new ImageException("the layout's index.json is larger than " + Blobs.MAX_JSON);
    }
    return new OciLayout(dir, ImageJson.index(Files.readAllBytes(index)));
  }

  static void checkVersion(byte[] markerJson) {
    JsonNode marker = ImageJson.tree(markerJson, "oci-layout file");
    String version = marker.path("imageLayoutVersion").asText("");
    if (!version.startsWith("1.")) {
      throw new ImageException(
          "the oci-layout file declares layout version "
              + Digest.quote(version)
              + ": Outlet reads version 1.x");
    }
  }

  @Override
  public ImageIndex index() {
    return index;
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    Path blob = dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    if (!Files.isRegularFile(blob)) {
      throw new ImageException("the layout has no blob " + digest);
    }
    try {
      return Files.newInputStream(blob);
    } catch (NoSuchFileException e) {
      throw new ImageException("the layout has no blob " + digest);
    }
  }

  @Override
  public void close() {}
}
