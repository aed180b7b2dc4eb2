package dev.outlet.images;

import dev.outlet.core.Architecture;
import dev.outlet.core.ImageCode;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LaunchPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Container-image functions' images from this machine's files, with no registry ({@code outlet
 * local invoke}): an {@code ImageUri} that is a {@link LocalImage} (an OCI layout folder or an
 * image tarball, optionally {@code :TAG}), read with {@link ImageReader} and unpacked once per
 * manifest digest into a {@link RootfsStore}. Thread-safe; blocking.
 */
public final class ArchiveImages implements ImageResolver {
  private final RootfsStore rootfs;
  private final Path base;

  private ArchiveImages(RootfsStore rootfs, Path base) {
    this.rootfs = rootfs;
    this.base = base;
  }

  /**
   * Images unpacked under {@code dir}; relative {@code ImageUri}s are resolved against {@code
   * base}.
   */
  public static ArchiveImages open(Path dir, Path base) throws IOException {
    RootfsStore store = RootfsStore.create(dir);
    store.removeAbandoned();
    return new ArchiveImages(store, base);
  }

  @Override
  public ImageCode resolve(String imageUri, Architecture architecture) {
    LocalImage local = LocalImage.parse(imageUri, base);
    try {
      LocalImage.Selected s = unpack(local, architecture);
      return ImageCodes.of(imageUri, local.path() + "@" + s.digest(), s.digest(), s.image());
    } catch (ImageException e) {
      throw ImageCodes.invalid(imageUri, e.getMessage());
    }
  }

  @Override
  public LaunchPlan plan(ImageCode image, Architecture architecture) {
    Digest manifest = Digest.parse(image.manifest());
    Optional<Path> found = rootfs.find(manifest);
    if (found.isEmpty()) {
      try {
        Digest now =
            unpack(LocalImage.parse(image.imageUri(), base), architecture).image().manifestDigest();
        if (!now.equals(manifest)) {
          return ImagePlan.unavailable(
              rootfs.path(manifest),
              "the image at " + image.imageUri() + " changed since the function was created");
        }
      } catch (ImageException e) {
        return ImagePlan.unavailable(rootfs.path(manifest), e.getMessage());
      }
    }
    Path root = rootfs.path(manifest);
    return ImageCodes.plan(root, image, architecture);
  }

  @Override
  public void check(ImageCode image, Architecture architecture) {
    ImageCodes.check(image, architecture);
  }

  private LocalImage.Selected unpack(LocalImage local, Architecture architecture) {
    try (ImageArchive archive = local.open()) {
      LocalImage.Selected s = local.read(archive, architecture);
      rootfs.unpack(s.image(), archive);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + local + ": " + e.getMessage(), e);
    }
  }
}
