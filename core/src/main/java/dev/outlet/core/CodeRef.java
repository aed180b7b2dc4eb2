package dev.outlet.core;

/**
 * A stored deployment package.
 *
 * @param sha256Hex the SHA-256 of the zip in hex: the content address in the code store
 * @param sha256Base64 the same digest as AWS's {@code CodeSha256} (base64, padded)
 * @param size the zip's size in bytes ({@code CodeSize})
 * @param unzippedSize the total size of its extracted files
 * @param image for a container-image function, its image (then {@code sha256Hex} and {@code
 *     sha256Base64} are both the image digest's hex, AWS's CodeSha256 of an image, and the sizes
 *     0); null for a zip
 */
public record CodeRef(
    String sha256Hex, String sha256Base64, long size, long unzippedSize, ImageCode image) {

  /** A zip package. */
  public CodeRef(String sha256Hex, String sha256Base64, long size, long unzippedSize) {
    this(sha256Hex, sha256Base64, size, unzippedSize, null);
  }

  /** A container image. */
  public static CodeRef of(ImageCode image) {
    return new CodeRef(image.hex(), image.hex(), 0, 0, image);
  }

  /** Whether this is a container image ({@code PackageType: Image}). */
  public boolean containerImage() {
    return image != null;
  }
}
