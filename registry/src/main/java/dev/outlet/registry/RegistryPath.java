package dev.outlet.registry;

/**
 * What a {@code /v2/...} path names (pure; the path as sent, without the query). A path of another
 * shape (the apigatewayv2 control plane's {@code /v2/apis}, ...) is not the registry's: {@link #of}
 * returns null for it.
 */
public sealed interface RegistryPath {
  /** {@code /v2/}: the API version check. */
  record Base() implements RegistryPath {}

  /** {@code /v2/<name>/tags/list}. */
  record TagsList(String name) implements RegistryPath {}

  /** {@code /v2/<name>/manifests/<reference>} (a tag or a digest). */
  record Manifest(String name, String reference) implements RegistryPath {}

  /** {@code /v2/<name>/blobs/<digest>}. */
  record Blob(String name, String digest) implements RegistryPath {}

  /** {@code /v2/<name>/blobs/uploads/}: starts an upload (or mounts a blob). */
  record UploadStart(String name) implements RegistryPath {}

  /** {@code /v2/<name>/blobs/uploads/<id>}: one upload session. */
  record Upload(String name, String id) implements RegistryPath {}

  /** The repository the path names, or null for {@link Base}. */
  default String repository() {
    return switch (this) {
      case Base b -> null;
      case TagsList t -> t.name();
      case Manifest m -> m.name();
      case Blob b -> b.name();
      case UploadStart u -> u.name();
      case Upload u -> u.name();
    };
  }

  /** The route {@code path} names, or null when it is not a registry path. */
  static RegistryPath of(String path) {
    if (path == null || !path.startsWith("/v2")) {
      return null;
    }
    if (path.equals("/v2/") || path.equals("/v2")) {
      return new Base();
    }
    if (!path.startsWith("/v2/") || path.length() > 1024) {
      return null;
    }
    String rest = path.substring(4);
    if (rest.endsWith("/tags/list")) {
      return named(rest.substring(0, rest.length() - "/tags/list".length()), TagsList::new);
    }
    if (rest.endsWith("/blobs/uploads") || rest.endsWith("/blobs/uploads/")) {
      int cut = rest.lastIndexOf("/blobs/uploads");
      return named(rest.substring(0, cut), UploadStart::new);
    }
    int uploads = rest.lastIndexOf("/blobs/uploads/");
    if (uploads > 0) {
      String id = rest.substring(uploads + "/blobs/uploads/".length());
      if (!id.contains("/")) {
        String name = rest.substring(0, uploads);
        return name.isEmpty() ? null : new Upload(name, id);
      }
    }
    int manifests = rest.lastIndexOf("/manifests/");
    if (manifests > 0) {
      String ref = rest.substring(manifests + "/manifests/".length());
      if (!ref.isEmpty() && !ref.contains("/")) {
        return new Manifest(rest.substring(0, manifests), ref);
      }
    }
    int blobs = rest.lastIndexOf("/blobs/");
    if (blobs > 0) {
      String digest = rest.substring(blobs + "/blobs/".length());
      if (!digest.isEmpty() && !digest.contains("/")) {
        return new Blob(rest.substring(0, blobs), digest);
      }
    }
    return null;
  }

  private static RegistryPath named(
      String name, java.util.function.Function<String, RegistryPath> make) {
    return name.isEmpty() ? null : make.apply(name);
  }
}
