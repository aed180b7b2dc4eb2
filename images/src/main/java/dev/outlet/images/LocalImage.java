package dev.outlet.images;

import dev.outlet.core.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An image on this machine named as a function's {@code ImageUri} or on a command line: an OCI
 * layout folder or an image tarball ({@code docker save}, {@code oci-archive}), optionally with a
 * tag picking one entry of the layout's {@code index.json} by its {@code
 * org.opencontainers.image.ref.name}. Written {@code PATH}, {@code PATH:TAG}, {@code oci:PATH:TAG},
 * {@code oci-archive:PATH[:TAG]} or {@code docker-archive:PATH} (skopeo's transports). Pure.
 *
 * @param path the layout folder or the tarball, absolute
 * @param tag the tag to pick, or empty for the index's image of the architecture
 */
public record LocalImage(Path path, Optional<String> tag) {
  private static final List<String> TRANSPORTS = List.of("oci:", "oci-archive:", "docker-archive:");

  /** What {@link #read} found: the entry picked (for its digest) and the platform's image. */
  public record Selected(Digest digest, Image image) {}

  /**
   * Parses {@code text} relative to {@code base}: an existing path is taken whole (a colon in a
   * file name stays), else {@code PATH:TAG} when PATH exists, else the whole text as a path (to be
   * refused as missing when opened).
   */
  public static LocalImage parse(String text, Path base) {
    String rest = text;
    for (String t : TRANSPORTS) {
      if (rest.startsWith(t)) {
        rest = rest.substring(t.length());
        break;
      }
    }
    Path whole = base.resolve(rest).toAbsolutePath().normalize();
    if (Files.exists(whole)) {
      return new LocalImage(whole, Optional.empty());
    }
    int colon = rest.lastIndexOf(':');
    if (colon > 0 && colon > rest.lastIndexOf('/')) {
      Path path = base.resolve(rest.substring(0, colon)).toAbsolutePath().normalize();
      if (Files.exists(path)) {
        return new LocalImage(path, Optional.of(rest.substring(colon + 1)));
      }
    }
    return new LocalImage(whole, Optional.empty());
  }

  /**
   * Whether {@code text} names an image on this machine rather than in a registry: a skopeo
   * transport, an absolute or {@code ./} path, or a path that exists under {@code base}.
   */
  public static boolean isLocal(String text, Path base) {
    if (TRANSPORTS.stream().anyMatch(text::startsWith)
        || text.startsWith("/")
        || text.startsWith("./")
        || text.startsWith("../")) {
      return true;
    }
    return Files.exists(parse(text, base).path());
  }

  /** Opens the layout or tarball. */
  public ImageArchive open() throws IOException {
    return ImageArchive.open(path);
  }

  /**
   * The image of {@code architecture} in {@code archive}: under the tag when one is given, else the
   * first of the index's images built for it.
   *
   * @throws ImageException when the tag is not in the index, or no image fits
   */
  public Selected read(ImageArchive archive, Architecture architecture) throws IOException {
    ImageIndex index = archive.index();
    if (tag.isPresent()) {
      Descriptor d = index.tags().get(tag.get());
      if (d == null) {
        throw new ImageException(
            "the image has no tag "
                + Digest.quote(tag.get())
                + (index.tags().isEmpty()
                    ? " (its index.json names no entry)"
                    : "; its tags: "
                        + String.join(", ", new java.util.TreeSet<>(index.tags().keySet()))));
      }
      return new Selected(d.digest(), ImageReader.read(archive, d, architecture));
    }
    Image image = ImageReader.read(archive, architecture);
    Digest top =
        index.manifests().size() == 1
            ? index.manifests().getFirst().digest()
            : image.manifestDigest();
    return new Selected(top, image);
  }

  @Override
  public String toString() {
    return path + tag.map(t -> ":" + t).orElse("");
  }
}
