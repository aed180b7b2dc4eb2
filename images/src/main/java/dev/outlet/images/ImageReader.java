package dev.outlet.images;

import dev.outlet.core.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves an image for one architecture: from an index (or manifest list) the manifest whose
 * platform is {@code linux/amd64} for x86_64 or {@code linux/arm64} for arm64, then its config,
 * whose own {@code architecture} and {@code os} must agree. Every blob is checked against its
 * digest. Stateless.
 */
public final class ImageReader {
  /**
   * An index may point at an index (a layout's index.json at a multi-platform image), no deeper.
   */
  private static final int MAX_DEPTH = 3;

  private ImageReader() {}

  /** The image {@code archive} holds for {@code architecture}. */
  public static Image read(ImageArchive archive, Architecture architecture) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Image image = fromIndex(archive, archive.index(), architecture, seen, 1);
    if (image == null) {
      throw wrongArchitecture(architecture, seen);
    }
    return image;
  }

  /**
   * The image {@code root} (a manifest or an index in {@code blobs}) holds for {@code
   * architecture}.
   */
  public static Image read(BlobSource blobs, Descriptor root, Architecture architecture)
      throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Image image = fromDescriptor(blobs, root, architecture, seen, 1);
    if (image == null) {
      throw wrongArchitecture(architecture, seen);
    }
    return image;
  }

  /** The OCI platform name of a Lambda architecture. */
  public static String platformArchitecture(Architecture architecture) {
    return architecture == Architecture.ARM64 ? "arm64" : "amd64";
  }

  private static Image fromDescriptor(
      BlobSource blobs, Descriptor d, Architecture wanted, Set<String> seen, int depth)
      throws IOException {
    byte[] bytes = Blobs.read(blobs, d, "manifest");
    if (ImageJson.isIndex(bytes, d.mediaType())) {
      if (depth >= MAX_DEPTH) {
        throw new ImageException("the image index " + d.digest() + " nests indexes too deeply");
      }
      return fromIndex(blobs, ImageJson.index(bytes), wanted, seen, depth + 1);
    }
    ImageManifest manifest = ImageJson.manifest(bytes);
    ImageConfig config = ImageJson.config(Blobs.read(blobs, manifest.config(), "image config"));
    String platform = config.os() + "/" + config.architecture();
    if (!config.os().equals("linux")
        || !config.architecture().equals(platformArchitecture(wanted))) {
      seen.add(platform);
      return null;
    }
    return new Image(d.digest(), manifest, config);
  }

  private static Image fromIndex(
      BlobSource blobs, ImageIndex index, Architecture wanted, Set<String> seen, int depth)
      throws IOException {
    List<Descriptor> unlabelled = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (d.platform().isEmpty()) {
        unlabelled.add(d);
        continue;
      }
      Descriptor.Platform p = d.platform().get();
      if (p.os().equals("unknown")) {
        continue; // buildx's attestation manifests
      }
      if (p.os().equals("linux") && p.architecture().equals(platformArchitecture(wanted))) {
        Image image = fromDescriptor(blobs, d, wanted, seen, depth);
        if (image != null) {
          return image;
        }
      } else {
        seen.add(p.os() + "/" + p.architecture());
      }
    }
    for (Descriptor d : unlabelled) {
      Image image = fromDescriptor(blobs, d, wanted, seen, depth);
      if (image != null) {
        return image;
      }
    }
    return null;
  }

  private static ImageException wrongArchitecture(Architecture wanted, Set<String> seen) {
    String want = "linux/" + platformArchitecture(wanted);
    if (seen.isEmpty()) {
      return new ImageException("the image lists no manifest for " + want);
    }
    List<String> lambda = new ArrayList<>();
    for (String s : seen) {
      if (s.equals("linux/amd64")) {
        lambda.add(Architecture.X86_64.wireName());
      } else if (s.equals("linux/arm64")) {
        lambda.add(Architecture.ARM64.wireName());
      }
    }
    return new ImageException(
        "the image is built for "
            + String.join(", ", seen)
            + " but the function's architecture is "
            + wanted.wireName()
            + " ("
            + want
            + "): push a "
            + want
            + " image"
            + (lambda.isEmpty()
                ? ""
                : " or create the function with --architectures " + lambda.getFirst()));
  }
}
