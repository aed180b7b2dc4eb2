package dev.outlet.registry;

import dev.outlet.core.Architecture;
import dev.outlet.core.ImageCode;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import dev.outlet.images.BlobSource;
import dev.outlet.images.Descriptor;
import dev.outlet.images.Image;
import dev.outlet.images.ImageCodes;
import dev.outlet.images.ImageException;
import dev.outlet.images.ImagePlan;
import dev.outlet.images.ImageReader;
import dev.outlet.images.RootfsStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Container-image functions' images, from the server's one {@link Registry}: an {@code ImageUri}
 * resolved to a digest, the platform's manifest and config read, its root filesystem unpacked once
 * per manifest digest into a {@link RootfsStore} shared by every region. Thread-safe; blocking.
 *
 * <p>Each region's control plane holds its own view ({@link #forRegion}); a root filesystem is
 * removed once no region's functions use it.
 */
public final class RegistryImages {
  private final Registry registry;
  private final String registryHost;
  private final RootfsStore rootfs;
  private static final String USERS = "users";
  private static final java.time.Duration GRACE = java.time.Duration.ofMinutes(10);
  private final java.time.InstantSource clock;
  private final java.time.Duration grace;

  private RegistryImages(
      Registry registry,
      String registryHost,
      RootfsStore rootfs,
      java.time.InstantSource clock,
      java.time.Duration grace) {
    this.registry = registry;
    this.registryHost = registryHost;
    this.rootfs = rootfs;
    this.clock = clock;
    this.grace = grace;
  }

  /**
   * Images of {@code registry} (addressed at {@code registryHost}, {@code 127.0.0.1:PORT}),
   * unpacked under {@code dir}; what an interrupted unpack left there is removed now.
   */
  public static RegistryImages open(Registry registry, String registryHost, Path dir)
      throws IOException {
    return open(registry, registryHost, dir, java.time.InstantSource.system(), GRACE);
  }

  /**
   * As {@link #open(Registry, String, Path)}, a tree unpacked less than {@code grace} ago (by
   * {@code clock}) being kept even when no function uses it yet.
   */
  static RegistryImages open(
      Registry registry,
      String registryHost,
      Path dir,
      java.time.InstantSource clock,
      java.time.Duration grace)
      throws IOException {
    RootfsStore store = RootfsStore.create(dir);
    store.removeAbandoned();
    store.purgeRemoved();
    return new RegistryImages(registry, registryHost, store, clock, grace);
  }

  /** The resolver one region's control plane uses. */
  public ImageResolver forRegion(String region) {
    return new ImageResolver() {
      @Override
      public ImageCode resolve(String imageUri, Architecture architecture) {
        return RegistryImages.this.resolve(region, imageUri, architecture);
      }

      @Override
      public LaunchPlan plan(ImageCode image, Architecture architecture) {
        return RegistryImages.this.plan(region, image, architecture);
      }

      @Override
      public void check(ImageCode image, Architecture architecture) {
        ImageCodes.check(image, architecture);
      }

      @Override
      public void retain(Set<String> liveManifests) {
        RegistryImages.this.retain(region, liveManifests);
      }
    };
  }

  ImageCode resolve(String region, String uri, Architecture architecture) {
    ImageUri parsed =
        ImageUri.parse(uri)
            .orElseThrow(
                () ->
                    invalid(
                        uri,
                        "name the image as REGISTRY/REPOSITORY:TAG or"
                            + " REGISTRY/REPOSITORY@sha256:DIGEST, e.g. "
                            + registryHost
                            + "/my-function:latest"));
    if (registry.repository(parsed.repository()).isEmpty()) {
      throw invalid(
          uri,
          "Outlet's registry has no repository "
              + parsed.repository()
              + ": aws ecr create-repository --repository-name "
              + parsed.repository()
              + ", then push the image to "
              + registryHost
              + "/"
              + parsed.repository()
              + ":TAG");
    }
    RegistryStore.ManifestBytes top;
    try {
      top = registry.manifest(parsed.repository(), parsed.reference());
    } catch (RegistryError e) {
      List<String> tags = registry.tags(parsed.repository());
      throw invalid(
          uri,
          "the repository "
              + parsed.repository()
              + " has no image "
              + parsed.reference()
              + (tags.isEmpty() ? " and no tags" : "; its tags: " + String.join(", ", tags)));
    }
    Image image;
    try {
      image = read(parsed.repository(), top, architecture);
      unpack(region, parsed.repository(), image);
    } catch (ImageException e) {
      throw invalid(uri, e.getMessage());
    }
    return ImageCodes.of(
        uri,
        parsed.repositoryUri(registryHost) + "@" + top.digest(),
        dev.outlet.images.Digest.parse(top.digest().toString()),
        image);
  }

  LaunchPlan plan(String region, ImageCode code, Architecture architecture) {
    dev.outlet.images.Digest manifest = dev.outlet.images.Digest.parse(code.manifest());
    Optional<Path> found = rootfs.find(manifest);
    Path root;
    if (found.isPresent()) {
      root = found.get();
    } else {
      try {
        root = reunpack(region, code, architecture);
      } catch (ImageException e) {
        return ImagePlan.unavailable(rootfs.path(manifest), e.getMessage());
      }
    }
    return ImageCodes.plan(root, code, architecture);
  }

  /**
   * The root filesystem of an image a function was created from, unpacked again from the registry.
   */
  private Path reunpack(String region, ImageCode code, Architecture architecture) {
    String repository =
        ImageUri.parse(code.resolvedImageUri())
            .map(ImageUri::repository)
            .orElseThrow(
                () ->
                    new ImageException(
                        "the image URI " + code.resolvedImageUri() + " is unreadable"));
    if (registry.repository(repository).isEmpty()) {
      throw new ImageException(
          "the repository "
              + repository
              + " was deleted from Outlet's registry: push the image again and update the"
              + " function's code");
    }
    RegistryStore.ManifestBytes top;
    try {
      top = registry.manifest(repository, code.digest());
    } catch (RegistryError e) {
      throw new ImageException(
          "the image "
              + code.digest()
              + " was deleted from the repository "
              + repository
              + ": push it again and update the function's code");
    }
    return unpack(region, repository, read(repository, top, architecture));
  }

  private Image read(
      String repository, RegistryStore.ManifestBytes top, Architecture architecture) {
    Descriptor root =
        new Descriptor(
            top.mediaType(),
            dev.outlet.images.Digest.parse(top.digest().toString()),
            top.body().length,
            Optional.empty());
    try {
      return ImageReader.read(blobs(repository), root, architecture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks {@code image} (unless it is) and marks {@code region} as one of its users. */
  private Path unpack(String region, String repository, Image image) {
    try {
      Path path = rootfs.unpack(image, blobs(repository));
      mark(region, image.manifestDigest(), true);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot unpack " + image.manifestDigest() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Regions using a root filesystem are files {@code users/<region>} beside it (outside what
   * sandboxes see): a region opened later still counts, and a tree goes only once none is left.
   */
  private void mark(String region, dev.outlet.images.Digest manifest, boolean using)
      throws IOException {
    Path users = rootfs.path(manifest).resolveSibling(USERS);
    Path marker = users.resolve(region);
    if (using) {
      Files.createDirectories(users);
      if (!Files.exists(marker)) {
        Files.createFile(marker);
      }
    } else {
      Files.deleteIfExists(marker);
    }
  }

  private boolean used(dev.outlet.images.Digest manifest) throws IOException {
    Path users = rootfs.path(manifest).resolveSibling(USERS);
    if (!Files.isDirectory(users)) {
      return false;
    }
    try (var entries = Files.list(users)) {
      return entries.findAny().isPresent();
    }
  }

  /** The registry's blobs as an image reads them: blob files, and the repository's manifests. */
  private BlobSource blobs(String repository) {
    return digest -> {
      Digest d = Digest.parse(digest.toString());
      Path file = registry.blobFile(d);
      try {
        return Files.newInputStream(file);
      } catch (NoSuchFileException e) {
        try {
          RegistryStore.ManifestBytes m = registry.manifest(repository, d.toString());
          return new ByteArrayInputStream(m.body());
        } catch (RegistryError missing) {
          throw new ImageException(
              "the registry has no blob " + d + " (an interrupted push? push the image again)");
        }
      }
    };
  }

  /**
   * {@code region}'s functions now use the root filesystems of {@code live} only: its marks on the
   * others go, and a tree no region marks any more is removed (unless it was unpacked within the
   * last {@code grace}: a function being created has not committed yet).
   */
  private synchronized void retain(String region, Set<String> live) {
    try {
      for (dev.outlet.images.Digest d : rootfs.list()) {
        boolean using = live.contains(d.toString());
        mark(region, d, using);
        boolean young = rootfs.finished(d).isAfter(clock.instant().minus(grace));
        if (!using && !used(d) && !young) {
          rootfs.remove(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LambdaException invalid(String uri, String why) {
    return ImageCodes.invalid(uri, why);
  }
}
