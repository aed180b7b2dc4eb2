package dev.outlet.core;

import java.util.List;

/**
 * A container-image function's code: the image as the user named it, what it was resolved to when
 * the function was created or its code updated (AWS resolves a tag once, then the function keeps
 * that digest), and what the image's config says about running it.
 *
 * @param imageUri the {@code ImageUri} the request named (a tag or a digest)
 * @param resolvedImageUri the repository's URI with the digest the tag named then ({@code
 *     ResolvedImageUri})
 * @param digest that digest ({@code sha256:<hex>}): a manifest, or an index of several platforms
 * @param manifest the digest of the platform's manifest (the same as {@code digest} unless the
 *     image is an index): its root filesystem is unpacked under this name
 * @param entrypoint the image's {@code ENTRYPOINT}
 * @param cmd the image's {@code CMD}
 * @param workingDir the image's {@code WORKDIR}, or null
 * @param env the image's {@code Env}, {@code KEY=value} lines in order
 * @param settings the function's {@code ImageConfig}
 */
public record ImageCode(
    String imageUri,
    String resolvedImageUri,
    String digest,
    String manifest,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    List<String> env,
    ImageSettings settings) {

  public ImageCode {
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    env = env == null ? List.of() : List.copyOf(env);
    settings = settings == null ? ImageSettings.NONE : settings;
  }

  /** The digest's hex: AWS's {@code CodeSha256} of an image function. */
  public String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }

  /** The same image under another {@code ImageConfig}. */
  public ImageCode withSettings(ImageSettings value) {
    return new ImageCode(
        imageUri, resolvedImageUri, digest, manifest, entrypoint, cmd, workingDir, env, value);
  }
}
