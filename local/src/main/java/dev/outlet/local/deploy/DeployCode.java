package dev.outlet.local.deploy;

/**
 * A function's code as {@code outlet deploy} sends it, with the {@code CodeSha256} GetFunction
 * reports once it is deployed (how a redeploy tells whether it changed).
 */
sealed interface DeployCode {

  /** GetFunction's {@code CodeSha256} for this code, or null when it cannot be known beforehand. */
  String sha256();

  /** A zip package. */
  record Zip(byte[] bytes, String sha256) implements DeployCode {}

  /**
   * An image already in a registry, passed through as written; {@code sha256} is the digest its tag
   * names in the server's registry now, null when the registry does not say.
   */
  record RegistryImage(String imageUri, String sha256) implements DeployCode {}

  /** An image on this machine, pushed to the server's registry into {@code repository} first. */
  record LocalImage(ImagePush.Prepared image, String repository) implements DeployCode {
    @Override
    public String sha256() {
      return image.digest().hex();
    }
  }
}
