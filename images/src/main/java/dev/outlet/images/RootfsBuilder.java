package dev.outlet.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpacks an image's layers, base first, into an empty directory. On any refusal it throws and
 * leaves a partial tree: {@link RootfsStore} builds in a temporary directory and deletes it.
 */
final class RootfsBuilder {
  private RootfsBuilder() {}

  static void build(Path dir, Image image, BlobSource blobs, long maxBytes) throws IOException {
    SizeBudget budget = new SizeBudget(maxBytes);
    Map<Path, Integer> directoryModes = new HashMap<>();
    List<Descriptor> layers = image.manifest().layers();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      String what = "layer " + (i + 1) + " of " + layers.size() + " (" + layer.digest() + ")";
      if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
        throw new ImageException(
            "the "
                + what
                + " has the media type "
                + Digest.quote(layer.mediaType())
                + ", which is not a tar layer");
      }
      try (InputStream raw = blobs.open(layer.digest());
          VerifiedStream verified = new VerifiedStream(raw, what, layer.digest(), layer.size())) {
        new LayerWriter(dir, what, budget, directoryModes)
            .apply(LayerStreams.open(verified, what, budget));
        verified.drain();
      }
    }
    applyModes(directoryModes);
  }

  /** Deepest first, so a folder that forbids searching it does not hide its children's. */
  private static void applyModes(Map<Path, Integer> modes) throws IOException {
    List<Path> dirs = new ArrayList<>(modes.keySet());
    dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path dir : dirs) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.setPosixFilePermissions(dir, Modes.permissions(modes.get(dir)));
      }
    }
  }
}
